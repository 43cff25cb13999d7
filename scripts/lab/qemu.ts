// Boots the lab guest in QEMU (TCG, no NIC) and streams its serial console line by line.
// QEMU gets a hard wall-clock limit from here too, in case the guest's own timeouts fail.
import { existsSync } from "node:fs";
import type { LabImage } from "./image.ts";

/** What one boot needs: the image, the three 9p shares and the limits. */
export interface BootOptions {
  image: Pick<LabImage, "kernel" | "initramfs">;
  /** Read-only share mounted at /repo: the scenarios and their plans. */
  repoDir: string;
  /** Read-write share mounted at /out: lab.env in, evidence out. */
  runDir: string;
  /** Read-only share mounted at /agent: the folder holding the agent binary. */
  agentDir: string;
  timeoutSeconds: number;
  memoryMb?: number;
  /** Kernel command line instead of the lab's default; extra QEMU arguments (e.g. a disk). */
  append?: string;
  extraArgs?: readonly string[];
  /** Called with every console line as it arrives (without the trailing CR). */
  onLine?: (line: string) => void;
}

/** How the boot ended. */
export interface BootResult {
  exitCode: number;
  timedOut: boolean;
  seconds: number;
  console: string[];
}

const QBOOT = "/usr/share/qemu/qboot.rom";

function share(tag: string, path: string, readonly: boolean): string[] {
  // security_model=none: files keep the guest's modes on the host, which the tests check (0600).
  return [
    "-virtfs",
    `local,path=${path},mount_tag=${tag},security_model=none${readonly ? ",readonly=on" : ""}`,
  ];
}

/** The QEMU command line (lab-notes: KVM is unusable here, TCG with `-cpu max` works). */
export function qemuArgs(o: BootOptions, hasQboot: boolean): string[] {
  return [
    ...["-M", "q35", "-accel", "tcg", "-cpu", "max", "-m", String(o.memoryMb ?? 1536), "-smp", "2"],
    ...["-nodefaults", "-display", "none", "-vga", "none", "-monitor", "none", "-serial", "stdio"],
    ...["-no-reboot", "-nic", "none"],
    // qboot starts about a second faster than SeaBIOS.
    ...(hasQboot ? ["-bios", QBOOT] : []),
    ...["-kernel", o.image.kernel, "-initrd", o.image.initramfs],
    ...["-append", o.append ?? "console=ttyS0 quiet loglevel=4 panic=-1"],
    ...(o.extraArgs ?? []),
    ...["-device", "virtio-rng-pci"],
    ...share("repo", o.repoDir, true),
    ...share("out", o.runDir, false),
    ...share("agent", o.agentDir, true),
  ];
}

/** Boots the guest and waits until it powers off or the hard limit kills QEMU. */
export async function boot(o: BootOptions): Promise<BootResult> {
  const started = performance.now();
  const child = new Deno.Command("qemu-system-x86_64", {
    args: qemuArgs(o, existsSync(QBOOT)),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, o.timeoutSeconds * 1000);
  // Ctrl-C must not leave a QEMU behind: kill it, then let the default SIGINT handling end this process.
  const onInterrupt = () => {
    child.kill("SIGKILL");
    Deno.removeSignalListener("SIGINT", onInterrupt);
    Deno.kill(Deno.pid, "SIGINT");
  };
  Deno.addSignalListener("SIGINT", onInterrupt);
  const lines: string[] = [];
  const stderr = new Response(child.stderr).text();
  try {
    await readLines(child.stdout, (line) => {
      lines.push(line);
      o.onLine?.(line);
    });
    const status = await child.status;
    const errors = (await stderr).trim();
    if (errors !== "") lines.push(...errors.split("\n").map((l) => `qemu: ${l}`));
    return { exitCode: status.code, timedOut, seconds: (performance.now() - started) / 1000, console: lines };
  } finally {
    clearTimeout(timer);
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

async function readLines(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  let pending = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    for (const part of parts) onLine(part.replace(/\r$/, ""));
  }
  if (pending !== "") onLine(pending.replace(/\r$/, ""));
}
