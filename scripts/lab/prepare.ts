// Builds (or finds cached) every lab image before the lab suites boot in parallel: the guest image of each
// wpa_supplicant generation and the first-boot disk base. Done one after another here, so that suites running
// side by side never run apt-get or write the shared package cache at the same time.
import { ensureImage } from "./image.ts";
import { ensureFirstbootImage } from "./firstboot/image.ts";
import { VERSIONS } from "./versions.ts";

for (const v of VERSIONS) await ensureImage(v.version);
await ensureFirstbootImage();
