// The checks a run makes on a loaded plan before touching anything: the --only/--skip selection and the
// settings the selected networks need. Pure; shared by `provision` (run/app.ts) and `validate`.
import type { Plan, Problem } from "./plan.ts";
import type { Settings } from "./settings.ts";

/**
 * Applies --only/--skip (network ids; all when absent). Naming an id the file does not have, or a selection
 * that leaves no network (as `networks: []` is refused), is a problem naming the option.
 */
export function selectNetworks(
  plan: Plan,
  req: { only?: readonly string[]; skip?: readonly string[] },
): { ok: true; plan: Plan } | { ok: false; problems: Problem[] } {
  const ids = new Set(plan.networks.map((n) => n.id));
  const problems: Problem[] = [];
  for (const [flag, list] of [["--only", req.only], ["--skip", req.skip]] as const) {
    for (const id of list ?? []) {
      if (!ids.has(id)) problems.push({ path: flag, message: `no network with id "${id}" in the file` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const only = req.only ? new Set(req.only) : undefined;
  const skip = new Set(req.skip ?? []);
  const networks = plan.networks.filter((n) => (!only || only.has(n.id)) && !skip.has(n.id));
  if (networks.length === 0 && (req.only || req.skip)) {
    return { ok: false, problems: [{ path: "--only/--skip", message: "leave no network to provision" }] };
  }
  return { ok: true, plan: { ...plan, networks } };
}

/**
 * The setting the plan needs but the resolved settings lack, as a problem: an interface for any network
 * that is not psk (WPS and DPP drive a supplicant), and for `--assemble` (its file is named after it).
 */
export function missingSettings(plan: Plan, settings: Settings, assemble: boolean): Problem | undefined {
  const needsInterface = assemble || plan.networks.some((n) => n.method !== "psk");
  if (needsInterface && settings.iface === null) {
    const why = assemble ? " (--assemble names its file after it)" : "";
    return {
      path: "interface",
      message: `not given: use --interface, WIFIPROV_INTERFACE or \`interface:\` in the file${why}`,
    };
  }
  return undefined;
}
