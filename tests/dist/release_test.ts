// Rendering of SHA256SUMS and manifest.json.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { latest, renderManifest, renderSha256Sums } from "../../scripts/dist/release.ts";

const binaries = [
  { target: "linux-x64" as const, file: "wifiprov-linux-x64", size: 3, sha256: "a".repeat(64) },
  { target: "linux-arm64" as const, file: "wifiprov-linux-arm64", size: 4, sha256: "b".repeat(64) },
];

describe("renderSha256Sums", () => {
  it("writes sha256sum's two-space format, one line per binary", () => {
    assert.equal(
      renderSha256Sums(binaries),
      `${"a".repeat(64)}  wifiprov-linux-x64\n${"b".repeat(64)}  wifiprov-linux-arm64\n`,
    );
  });
});

describe("renderManifest", () => {
  it("writes parseable JSON ending in a newline", () => {
    const text = renderManifest({ version: "1.2.3", gitRevision: null, binaries });
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(JSON.parse(text), { version: "1.2.3", gitRevision: null, binaries });
  });
});

describe("latest", () => {
  it("picks the newest ISO timestamp and is undefined for none", () => {
    assert.equal(
      latest(["2026-01-02T00:00:00.000Z", "2026-03-01T00:00:00.000Z"]),
      "2026-03-01T00:00:00.000Z",
    );
    assert.equal(latest([]), undefined);
  });
});
