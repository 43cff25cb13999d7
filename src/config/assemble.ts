// Pure: builds one wpa_supplicant-IFACE.conf (for distributions that start wpa_supplicant@IFACE.service)
// from the network blocks of the per-network files, in the order of the provisioning file. Whether it may
// replace an existing one is config/decide.ts's `decideAssembled`.
import { parseConfigText } from "./parse.ts";
import { SECRET_NOTICE } from "./render.ts";

/** One per-network file's text, by network id. */
export interface NetworkFile {
  id: string;
  text: string;
}

/** The assembled text, or the ids whose files hold no usable network block. */
export function assembleText(
  files: NetworkFile[],
  globals: { ctrlInterface: string; country?: string },
): { ok: true; text: string } | { ok: false; unusable: string[] } {
  const blocks: string[] = [];
  const unusable: string[] = [];
  for (const file of files) {
    const parsed = parseConfigText(file.text);
    const block = parsed.networks[0];
    if (!block || parsed.errors.length > 0 || parsed.networks.length !== 1) {
      unusable.push(file.id);
      continue;
    }
    // Values are copied as written: they were read with wpa_supplicant's own line rules, so they keep meaning.
    const lines = [...block].map(([key, value]) => `\t${key}=${value}`);
    blocks.push([`# ${file.id}`, "network={", ...lines, "}"].join("\n"));
  }
  if (unusable.length > 0) return { ok: false, unusable };
  const header = [
    `# ${SECRET_NOTICE}`,
    `ctrl_interface=${globals.ctrlInterface}`,
    "update_config=1",
    ...(globals.country ? [`country=${globals.country}`] : []),
  ];
  return { ok: true, text: [...header, "", blocks.join("\n\n"), ""].join("\n") };
}
