// The Ansible role packaging/ansible/roles/wifiprov, run by Debian's ansible-core through the shipped
// packaging/ansible/site.yml against two local devices driving the fake wpa_cli: one provisions, one times
// out; the controller's summary says so, the failed host fails with its statuses, and no secret leaks.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { REPO_ROOT } from "../../scripts/dist.ts";
import { ensureAnsible } from "../../scripts/fleet/ensure_ansible.ts";
import { DIST_DIR, ensureDist } from "../dist/support.ts";
import { type Fleet, prepareFleet, SECRET_ENV_NAME, SECRETS } from "./fleet_setup.ts";

interface PlaybookRun {
  code: number | null;
  output: string;
}

function runPlaybook(fleet: Fleet): Promise<PlaybookRun> {
  const args = [
    ...["-i", fleet.inventory, join(REPO_ROOT, "packaging/ansible/site.yml"), "-v"],
    ...["--vault-password-file", fleet.vaultPasswordFile],
    ...["-e", `wifiprov_dist_dir=${DIST_DIR}`, "-e", `wifiprov_summary_dir=${fleet.summaryDir}`],
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("ansible-playbook", args, {
      cwd: fleet.root,
      env: {
        ...process.env,
        [SECRET_ENV_NAME]: SECRETS.env,
        ANSIBLE_NOCOLOR: "1",
        ANSIBLE_LOCAL_TEMP: join(fleet.root, "ansible-local"),
        ANSIBLE_REMOTE_TEMP: join(fleet.root, "ansible-remote"),
        ANSIBLE_RETRY_FILES_ENABLED: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 300_000,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

// The PLAY RECAP line of a host: ok=N changed=N unreachable=N failed=N ...
function recap(output: string, host: string): Record<string, number> {
  const line = new RegExp(`^${host}\\s+:(.*)$`, "m").exec(output)?.[1] ?? "";
  return Object.fromEntries([...line.matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
}

describe("packaging/ansible wifiprov role", () => {
  let root = "";
  let fleet: Fleet;
  let run: PlaybookRun;
  before(async () => {
    await ensureAnsible();
    await ensureDist();
    root = await mkdtemp(join(tmpdir(), "wifiprov-ansible-"));
    fleet = await prepareFleet(root);
    run = await runPlaybook(fleet);
  });
  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("fails only the host whose WPS network timed out", () => {
    assert.equal(run.code, 2, `ansible-playbook should report a failed host:\n${run.output.slice(-3000)}`);
    assert.equal(recap(run.output, "dev-ok")["failed"], 0, run.output.slice(-3000));
    assert.equal(recap(run.output, "dev-timeout")["failed"], 1, run.output.slice(-3000));
    assert.match(run.output, /wifiprov exited 1: office: provisioned, home: timeout/);
  });

  it("installs the host's binary and writes each network's config where the host says", async () => {
    const ok = fleet.hostDir("dev-ok");
    assert.equal((await stat(join(ok, "usr/local/bin/wifiprov"))).mode & 0o777, 0o755);
    assert.deepEqual((await readdir(join(ok, "etc/wpa_supplicant"))).sort(), ["home.conf", "office.conf"]);
    const office = await readFile(join(ok, "etc/wpa_supplicant/office.conf"), "utf8");
    assert.ok(office.includes(`psk="${SECRETS.vault}"`), "the vaulted secret reached the agent");
    const late = join(fleet.hostDir("dev-timeout"), "etc/wpa_supplicant");
    assert.deepEqual(await readdir(late), ["office.conf"]);
    assert.ok((await readFile(join(late, "office.conf"), "utf8")).includes(`psk="${SECRETS.env}"`));
  });

  it("gathers every host's report into summary.json on the controller", async () => {
    const summary = JSON.parse(await readFile(join(fleet.summaryDir, "summary.json"), "utf8"));
    assert.equal(summary.ok, false);
    const byHost = Object.fromEntries(summary.hosts.map((h: { host: string }) => [h.host, h]));
    assert.equal(byHost["dev-ok"].ok, true);
    assert.equal(byHost["dev-ok"].exitCode, 0);
    assert.deepEqual(byHost["dev-ok"].networks.map((n: { status: string }) => n.status), [
      "provisioned",
      "provisioned",
    ]);
    assert.equal(byHost["dev-timeout"].ok, false);
    assert.equal(byHost["dev-timeout"].exitCode, 1);
    assert.deepEqual(
      byHost["dev-timeout"].networks.map((n: { id: string; status: string }) => `${n.id}:${n.status}`),
      ["office:provisioned", "home:timeout"],
    );
    assert.equal(byHost["dev-timeout"].report.schemaVersion, 1);
  });

  it("writes the summary as a table, one row per host and network", async () => {
    const table = await readFile(join(fleet.summaryDir, "summary.txt"), "utf8");
    assert.match(table, /^dev-ok\s+home\s+provisioned\s+-$/m);
    assert.match(table, /^dev-timeout\s+home\s+timeout\s+timeout/m);
    assert.match(table, /^dev-timeout: FAILED \(exit 1\)$/m);
    assert.match(table, /^some hosts failed$/m);
    assert.ok(run.output.includes("dev-timeout: FAILED (exit 1)"), "the table is shown in the log too");
  });

  it("keeps the secrets out of ansible's output and the summary, and removes the secret files", async () => {
    const summary = await readFile(join(fleet.summaryDir, "summary.json"), "utf8");
    for (const secret of Object.values(SECRETS)) {
      for (const form of [secret, Buffer.from(secret).toString("base64")]) {
        assert.ok(!run.output.includes(form), `a secret appears in ansible's output`);
        assert.ok(!summary.includes(form), `a secret appears in the summary`);
      }
    }
    for (const host of ["dev-ok", "dev-timeout"] as const) {
      await assert.rejects(stat(join(fleet.hostDir(host), "run/wifiprov-secrets")), { code: "ENOENT" });
    }
  });
});
