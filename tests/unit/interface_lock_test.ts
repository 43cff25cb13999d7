// The per-interface lock (src/adapters/lock.ts): one agent per interface, whatever its output directory.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  acquireInterfaceLock,
  acquireRunLocks,
  interfaceLockDirs,
  LOCK_NAME,
} from "../../src/adapters/lock.ts";
import { EnvironmentError } from "../../src/wpa/driver.ts";

const tempDir = () => fs.mkdtemp(join(tmpdir(), "wifiprov-ilock-"));
const locked = (iface: string) => (e: unknown) =>
  e instanceof EnvironmentError && e.reason === "locked" && e.message.includes(`interface "${iface}"`);

describe("acquireInterfaceLock", () => {
  it("refuses a second holder of the same interface, naming it, and is free again after release", async () => {
    const dir = await tempDir();
    const first = await acquireInterfaceLock("wlan0", [dir]);
    await assert.rejects(acquireInterfaceLock("wlan0", [dir]), locked("wlan0"));
    const other = await acquireInterfaceLock("wlan1", [dir]);
    await other.release();
    await first.release();
    assert.deepEqual(await fs.readdir(dir), []);
    await (await acquireInterfaceLock("wlan0", [dir])).release();
  });

  it("creates a missing lock folder", async () => {
    const dir = join(await tempDir(), "a", "b");
    const lock = await acquireInterfaceLock("wlan0", [dir]);
    assert.deepEqual(await fs.readdir(dir), ["wlan0.lock"]);
    await lock.release();
  });

  it("falls back to the next folder when one cannot be used, but obeys a live holder in it", async () => {
    const root = await tempDir();
    const file = join(root, "not-a-dir");
    await fs.writeFile(file, "");
    const fallback = join(root, "fallback");
    await fs.mkdir(fallback, { mode: 0o700 });
    const lock = await acquireInterfaceLock("wlan0", [file, fallback]);
    assert.deepEqual(await fs.readdir(fallback), ["wlan0.lock"]);
    await lock.release();

    // A live holder in the first folder refuses the run even when this agent would use the next one.
    const first = join(root, "first");
    const held = await acquireInterfaceLock("wlan0", [first]);
    await assert.rejects(acquireInterfaceLock("wlan0", [first, fallback]), locked("wlan0"));
    await held.release();
  });

  it("refuses a fallback folder that others can write (a planted lock could block us)", async () => {
    // The first folder cannot be created (no such directory under /proc): the shared one is next.
    const root = await tempDir();
    const shared = join(root, "shared");
    await fs.mkdir(shared);
    await fs.chmod(shared, 0o777);
    await assert.rejects(
      acquireInterfaceLock("wlan0", ["/proc/no-such/x", shared]),
      (e) =>
        e instanceof EnvironmentError && e.reason === "lock-dir-unusable" &&
        /not a private folder/.test(e.message),
    );
  });
});

describe("interfaceLockDirs", () => {
  it("uses a given folder alone, else /run/wifiprov then a private folder under the temp dir", () => {
    assert.deepEqual(interfaceLockDirs("/x/locks"), ["/x/locks"]);
    const dirs = interfaceLockDirs(null);
    assert.equal(dirs[0], "/run/wifiprov");
    assert.equal(dirs[1], join(tmpdir(), `wifiprov-${process.getuid!()}`));
  });
});

describe("acquireRunLocks", () => {
  it("takes the output folder's and the interface's lock, and gives the first back when the second fails", async () => {
    const locks = await tempDir();
    const [out1, out2] = [await tempDir(), await tempDir()];
    const run1 = await acquireRunLocks({ outputDir: out1, iface: "wlan0", lockDir: locks });
    await assert.rejects(
      acquireRunLocks({ outputDir: out2, iface: "wlan0", lockDir: locks }),
      locked("wlan0"),
    );
    assert.deepEqual(await fs.readdir(out2), [], "the refused run keeps no output-folder lock");
    assert.deepEqual(await fs.readdir(out1), [LOCK_NAME]);
    await run1.release();
    assert.deepEqual([await fs.readdir(out1), await fs.readdir(locks)], [[], []]);
  });

  it("takes no interface lock for a run without an interface", async () => {
    const locks = await tempDir();
    const run = await acquireRunLocks({ outputDir: await tempDir(), iface: null, lockDir: locks });
    assert.deepEqual(await fs.readdir(locks), []);
    await run.release();
  });
});
