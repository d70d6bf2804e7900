// The committed artifacts must match circuits/*.circom: a fresh compile gives
// the r1cs the trusted setup was run on, and every file matches the manifest.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ARTIFACTS, REPO_ROOT } from "../../circuits/setup/paths.js";
import { type CircuitHarness, loadCircuitHarness } from "../helpers/circuit.js";

interface Manifest {
  constraints: number;
  r1csSha256: string;
  artifacts: Record<string, { path: string; sha256: string; bytes: number }>;
}

const FIX = "run `npm run setup` to recompile and redo the trusted setup, then commit circuits/artifacts";

async function sha256(file: string): Promise<{ sha256: string; bytes: number }> {
  const data = await readFile(file);
  return { sha256: createHash("sha256").update(data).digest("hex"), bytes: data.length };
}

describe("circuit artifacts", function () {
  let circuit: CircuitHarness;
  let manifest: Manifest;

  before(async function () {
    circuit = await loadCircuitHarness();
    manifest = JSON.parse(await readFile(ARTIFACTS.manifest, "utf8"));
  });

  it("r1cs matches manifest", async function () {
    const { sha256: actual } = await sha256(circuit.compiled.r1csPath);
    assert.equal(actual, manifest.r1csSha256, `circuits/*.circom changed since the trusted setup: ${FIX}`);
  });

  it("constraint count matches manifest", function () {
    assert.equal(circuit.compiled.constraints, manifest.constraints, `constraint count changed: ${FIX}`);
    assert.equal(circuit.constraintCount, manifest.constraints);
  });

  it("compiled wasm matches committed", async function () {
    const { sha256: actual } = await sha256(circuit.compiled.wasmPath);
    assert.equal(actual, manifest.artifacts.wasm.sha256, `the witness generator changed: ${FIX}`);
  });

  for (const kind of ["wasm", "zkey", "verificationKey", "ptau", "solidityVerifier"]) {
    it(`${kind} matches manifest`, async function () {
      const entry = manifest.artifacts[kind];
      assert.ok(entry, `manifest.json has no ${kind} entry: ${FIX}`);
      const actual = await sha256(path.join(REPO_ROOT, entry.path));
      assert.equal(actual.sha256, entry.sha256, `${entry.path} differs from manifest.json: ${FIX}`);
      assert.equal(actual.bytes, entry.bytes, `${entry.path} has another size than manifest.json: ${FIX}`);
    });
  }
});
