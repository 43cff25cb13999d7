// A test entry of the agent (not shipped, not in main.ts): the same `provision` command, given a write
// hook that pauses between the durable temp file and the rename, so a crash test can SIGKILL the agent
// exactly there and a mode test can watch the temp files. Usage: deno run -A paused_agent.ts PAUSE_MS argv…
import { runCli } from "../../src/entry/run.ts";
import { provisionCommand } from "../../src/cli/provision_command.ts";
import { completeIo } from "../../src/cli/io_port.ts";
import type { WriteHooks } from "../../src/adapters/atomic_file.ts";

/** Runs `argv` with a pause of `pauseMs` before every rename of a written file; returns the exit code. */
export async function runPaused(pauseMs: number, argv: string[]): Promise<number> {
  const hooks: WriteHooks = { beforeRename: () => new Promise((r) => setTimeout(r, pauseMs)) };
  const io = completeIo({ stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
  return await runCli(argv, io, {
    provision: async (r, io) => await provisionCommand(r.file, r.opts, io, hooks),
  });
}

if (import.meta.main) {
  const [pause, ...argv] = process.argv.slice(2);
  runPaused(Number(pause), argv).then((code) => process.exit(code));
}
