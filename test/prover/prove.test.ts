// Proving and local verification in Node, with one shared proof.
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  ARTIFACT_FILES,
  createIdentity,
  type ExpectedContext,
  hashToField,
  holderCommitment,
  issueCredential,
  loadArtifact,
  prove,
  SNARK_SCALAR_FIELD,
  verifyProofPackage,
} from "../../prover/src/index.js";
import { ARTIFACTS_DIR } from "../../circuits/setup/paths.js";
import {
  ATTRIBUTES,
  getFixture,
  getProofFixture,
  PROOF_DATE,
  SCOPE,
  SEGMENT_ID,
  SIGNAL,
  type Fixture,
} from "./fixtures.js";

async function expectedContext(fixture: Fixture): Promise<ExpectedContext> {
  return {
    segmentHash: fixture.segment.segmentHash,
    scope: SCOPE,
    dateWindow: { earliest: PROOF_DATE - 1, latest: PROOF_DATE },
    trustedIssuerKeyHashes: [fixture.issuerKeyHash],
    segmentId: SEGMENT_ID,
  };
}

describe("prove", () => {
  it("returns a verifiable package", async () => {
    const fixture = await getFixture();
    const { pkg, stages } = await getProofFixture();
    assert.deepEqual(stages, ["witness", "proof", "done"]);
    assert.equal(pkg.version, "zkseg-proof/1");
    assert.equal(pkg.segmentId, SEGMENT_ID);
    assert.equal(pkg.scope, SCOPE.toString());
    assert.equal(pkg.signal, SIGNAL);
    assert.equal(pkg.publicSignals[1], fixture.segment.segmentHash.toString());
    assert.equal(pkg.publicSignals[2], fixture.issuerKeyHash.toString());
    assert.equal(pkg.publicSignals[3], SCOPE.toString());
    assert.equal(pkg.publicSignals[4], hashToField(SIGNAL).toString());
    assert.equal(pkg.publicSignals[5], PROOF_DATE.toString());
    const result = await verifyProofPackage(JSON.parse(JSON.stringify(pkg)), await expectedContext(fixture));
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.nullifier.toString(), pkg.publicSignals[0]);
  });

  it("keeps attribute values out of the package", async () => {
    const { pkg } = await getProofFixture();
    const serialized = JSON.stringify(pkg);
    for (const [name, value] of Object.entries(ATTRIBUTES)) {
      // Unused slots hold "0", which the package's affine z coordinates contain anyway.
      if (value === "0") continue;
      assert.ok(!serialized.includes(`"${value}"`), `${name} value appears as a JSON string`);
      // Short values such as region "9" occur as digits of any large number, so only long ones are searched inside.
      if (value.length >= 6) assert.ok(!serialized.includes(value), `${name} value appears in the package`);
    }
  });

  it("rejects a non-member without values", async () => {
    const { identity, issuerKey, segment } = await getFixture();
    const credential = await issueCredential(
      issuerKey,
      await holderCommitment(identity),
      { ...ATTRIBUTES, spend12m: "43210" },
      { expiresAt: 20271231 },
    );
    const stages: string[] = [];
    const options = { scope: SCOPE, signal: SIGNAL, date: PROOF_DATE, segmentId: SEGMENT_ID };
    await assert.rejects(prove(identity, credential, segment, { ...options, onProgress: (s) => stages.push(s) }), {
      code: "not_in_segment",
      message: "not in segment: spend12m is below 50000",
    });
    assert.deepEqual(stages, []);
  });

  it("rejects an expired credential", async () => {
    const { identity, credential, segment } = await getFixture();
    const options = { scope: SCOPE, signal: SIGNAL, date: 20280101, segmentId: SEGMENT_ID };
    await assert.rejects(prove(identity, credential, segment, options), {
      code: "invalid_credential",
      field: "expiresAt",
    });
  });

  it("rejects another identity", async () => {
    const { credential, segment } = await getFixture();
    const options = { scope: SCOPE, signal: SIGNAL, date: PROOF_DATE, segmentId: SEGMENT_ID };
    await assert.rejects(prove(createIdentity(), credential, segment, options), {
      code: "invalid_credential",
      field: "holderCommitment",
    });
  });

  it("rejects bad options", async () => {
    const { identity, credential, segment } = await getFixture();
    const options = { scope: SCOPE, signal: SIGNAL, date: PROOF_DATE, segmentId: SEGMENT_ID };
    const cases: [string, object][] = [
      ["scope", { scope: SNARK_SCALAR_FIELD }],
      ["date", { date: 20260230 }],
      ["signal", { signal: "" }],
      ["segmentId", { segmentId: "no spaces" }],
    ];
    for (const [field, change] of cases) {
      await assert.rejects(prove(identity, credential, segment, { ...options, ...change }), { field }, field);
    }
  });
});

describe("verifyProofPackage", () => {
  const cases: [string, string, (pkg: Record<string, unknown>) => void, Partial<ExpectedContext>][] = [
    ["extra key", "malformed_package", (p) => (p.extra = "1"), {}],
    ["signal plus r", "non_canonical_field_element", (p) => shiftSignal(p, 0), {}],
    ["other segment", "wrong_segment_hash", () => undefined, { segmentHash: 1n }],
    ["untrusted issuer", "untrusted_issuer", () => undefined, { trustedIssuerKeyHashes: [2n] }],
    ["other scope", "scope_mismatch", () => undefined, { scope: SCOPE + 1n }],
    ["stale date", "date_outside_window", () => undefined, { date: PROOF_DATE + 1, dateWindow: undefined }],
    ["other signal", "signal_hash_mismatch", (p) => (p.signal = "crm:customer-1002"), {}],
    ["swapped nullifier", "invalid_proof", (p) => ((p.publicSignals as string[])[0] = "12345"), {}],
    ["tampered proof", "invalid_proof", (p) => swapPiA(p), {}],
  ];
  for (const [name, reason, mutate, change] of cases) {
    it(`rejects ${name}`, async () => {
      const fixture = await getFixture();
      const pkg = JSON.parse(JSON.stringify((await getProofFixture()).pkg)) as Record<string, unknown>;
      mutate(pkg);
      const result = await verifyProofPackage(pkg, { ...(await expectedContext(fixture)), ...change });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, reason);
    });
  }
});

function shiftSignal(pkg: Record<string, unknown>, index: number): void {
  const signals = pkg.publicSignals as string[];
  signals[index] = (BigInt(signals[index]) + SNARK_SCALAR_FIELD).toString();
}

/** Replaces pi_a by pi_c: both are valid curve points, but the pairing equation fails. */
function swapPiA(pkg: Record<string, unknown>): void {
  const proof = pkg.proof as Record<string, unknown>;
  proof.pi_a = proof.pi_c;
}

describe("artifacts", () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "zkseg-artifacts-"));
    await cp(ARTIFACTS_DIR, directory, { recursive: true });
    const wasmPath = path.join(directory, ARTIFACT_FILES.wasm.file);
    const wasm = await readFile(wasmPath);
    wasm[wasm.length - 1] ^= 1;
    await writeFile(wasmPath, wasm);
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("loads the packaged wasm", async () => {
    const wasm = await loadArtifact("wasm");
    assert.equal(wasm.length, 7500488);
  });

  it("rejects a modified wasm", async () => {
    await assert.rejects(loadArtifact("wasm", { directory }), (error: { code: string; message: string }) => {
      assert.equal(error.code, "artifact_mismatch");
      assert.match(error.message, /^artifact segment_membership\.wasm has sha256 [0-9a-f]{64} but/);
      assert.ok(error.message.includes(ARTIFACT_FILES.wasm.sha256));
      return true;
    });
  });

  it("fails proving with a modified wasm", async () => {
    const { identity, credential, segment } = await getFixture();
    const options = { scope: SCOPE, signal: SIGNAL, date: PROOF_DATE, segmentId: SEGMENT_ID, artifacts: { directory } };
    await assert.rejects(prove(identity, credential, segment, options), { code: "artifact_mismatch" });
  });
});
