// Start-up checks of the service: the verification key against the manifest,
// and custom credential schemas from files.
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ARTIFACTS, REPO_ROOT } from "../../circuits/setup/paths.js";
import { registerSchemaFiles, requireManifestVerificationKey } from "../../verifier-service/service.js";
import { getSchema } from "../../prover/src/schema.js";

describe("service start-up", () => {
  it("accepts the committed verification key", async () => {
    const manifest = JSON.parse(await readFile(ARTIFACTS.manifest, "utf8"));
    assert.doesNotThrow(() => requireManifestVerificationKey(manifest.artifacts.verificationKey.sha256));
  });

  it("rejects an edited verification key", async () => {
    const manifest = JSON.parse(await readFile(ARTIFACTS.manifest, "utf8"));
    const key = JSON.parse(await readFile(ARTIFACTS.verificationKey, "utf8"));
    key.IC[1][0] = "1";
    const edited = path.join(await mkdtemp(path.join(os.tmpdir(), "zkseg-vk-")), "verification_key.json");
    await writeFile(edited, JSON.stringify(key, null, 2) + "\n");
    assert.throws(
      () => requireManifestVerificationKey(manifest.artifacts.verificationKey.sha256, edited),
      /has sha256 [0-9a-f]{64}, but circuits\/artifacts\/manifest.json lists/,
    );
  });

  it("registers schemas from mapping files", () => {
    registerSchemaFiles([path.join(REPO_ROOT, "data/bank-churners.mapping.json")]);
    assert.equal(getSchema("cards@1").slots[1].name, "spend12m");
  });

  it("names an unreadable schema file", () => {
    assert.throws(
      () => registerSchemaFiles(["/nonexistent/schema.json"]),
      /cannot read schema file \/nonexistent\/schema.json/,
    );
  });
});
