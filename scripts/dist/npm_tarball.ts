// Fetches one pinned npm package with npm's own client (`npm pack`), checks it against its pinned integrity
// and unpacks it into .cache/npm/<name>@<version>/ (the package's files under package/). Cached.
import { $ } from "dax-sh";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A package pinned by version and by the registry's sha512 integrity (`npm view <name>@<v> dist.integrity`). */
export interface PinnedPackage {
  name: string;
  version: string;
  integrity: string;
}

/** Where unpacked packages live by default (git-ignored). */
export const NPM_CACHE_DIR = fileURLToPath(new URL("../../.cache/npm", import.meta.url));

const DONE = ".wifiprov-unpacked";

/** Returns the folder holding the unpacked package's files, fetching and unpacking it first if needed. */
export async function unpackedPackage(pin: PinnedPackage, cacheDir = NPM_CACHE_DIR): Promise<string> {
  const dir = join(cacheDir, `${pin.name}@${pin.version}`);
  const files = join(dir, "package");
  if (await readFile(join(dir, DONE), "utf8").then((text) => text === pin.integrity, () => false)) {
    return files;
  }
  // Unpack beside the final folder and rename: an interrupted run never leaves a half package that looks done.
  const work = `${dir}.tmp-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    $.logStep("Fetching", `${pin.name}@${pin.version} (npm pack)`);
    const packed = await $`npm pack ${`${pin.name}@${pin.version}`} --json --pack-destination ${work}`
      .env({ npm_config_update_notifier: "false", npm_config_fund: "false" }).json() as {
        filename: string;
      }[];
    const tarball = join(work, packed[0]?.filename ?? "");
    const actual = `sha512-${createHash("sha512").update(await readFile(tarball)).digest("base64")}`;
    if (actual !== pin.integrity) {
      throw new Error(
        `${pin.name}@${pin.version}: integrity ${actual} does not match the pinned ${pin.integrity}`,
      );
    }
    await $`tar -xzf ${tarball} -C ${work}`;
    await rm(tarball);
    await writeFile(join(work, DONE), pin.integrity);
    await rm(dir, { recursive: true, force: true });
    await rename(work, dir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await stat(files);
  return files;
}
