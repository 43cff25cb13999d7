import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireLock, LOCK_NAME } from "../../src/adapters/lock.ts";
import { EnvironmentError } from "../../src/errors.ts";

const tempDir = () => fs.mkdtemp(join(tmpdir(), "wifiprov-lock-"));

describe("acquireLock", () => {
  it("refuses while another live agent holds the lock", async () => {
    const dir = await tempDir();
    const first = await acquireLock(dir);
    await assert.rejects(acquireLock(dir), (e) => e instanceof EnvironmentError && e.reason === "locked");
    await first.release();
    await (await acquireLock(dir)).release();
  });

  it("takes over a lock whose pid now belongs to another process (reused after a reboot)", async () => {
    const dir = await tempDir();
    // pid 1 is alive, but it is not the agent that wrote this lock: another boot, another start time.
    await fs.writeFile(join(dir, LOCK_NAME), "1 00000000-0000-0000-0000-000000000000:1\n");
    const lock = await acquireLock(dir);
    assert.match(
      await fs.readFile(join(dir, LOCK_NAME), "utf8"),
      new RegExp(`^${process.pid} \\S+:\\d+\\n$`),
    );
    await lock.release();
  });

  it("takes over a lock whose agent is gone", async () => {
    const dir = await tempDir();
    await fs.writeFile(join(dir, LOCK_NAME), "2147483646\n");
    await (await acquireLock(dir)).release();
  });
});
