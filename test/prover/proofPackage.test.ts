// Strict parsing of proof packages and the public-signal checks, without proving.
import assert from "node:assert/strict";
import {
  BN254_BASE_FIELD,
  checkPublicSignals,
  type ExpectedContext,
  parseProofPackage,
  ProofPackageError,
  type ProofPackage,
  type RejectionReason,
} from "../../prover/src/proofPackage.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { hashToField } from "../../prover/src/hash.js";

const SIGNAL = "crm:customer-42";

function samplePackage(): ProofPackage {
  return {
    version: "zkseg-proof/1",
    segmentId: "seg-1",
    scope: "77",
    signal: SIGNAL,
    proof: {
      pi_a: ["1", "2", "1"],
      pi_b: [
        ["3", "4"],
        ["5", "6"],
        ["1", "0"],
      ],
      pi_c: ["7", "8", "1"],
      protocol: "groth16",
      curve: "bn128",
    },
    publicSignals: ["11", "22", "33", "77", hashToField(SIGNAL).toString(), "20260615"],
  };
}

const EXPECTED: ExpectedContext = {
  segmentHash: 22n,
  scope: "77",
  dateWindow: { earliest: 20260614, latest: 20260615 },
  trustedIssuerKeyHashes: [33n],
  segmentId: "seg-1",
};

function rejectionOf(mutate: (pkg: Record<string, unknown>) => void): ProofPackageError {
  const pkg = JSON.parse(JSON.stringify(samplePackage())) as Record<string, unknown>;
  mutate(pkg);
  try {
    parseProofPackage(pkg);
  } catch (error) {
    assert.ok(error instanceof ProofPackageError);
    return error;
  }
  assert.fail("parseProofPackage accepted a bad package");
}

type Mutable = Record<string, unknown> & { proof: Record<string, unknown>; publicSignals: unknown[] };

describe("parseProofPackage", () => {
  it("accepts a well-formed package", () => {
    assert.deepEqual(parseProofPackage(samplePackage()), samplePackage());
  });

  const malformedCases: [string, string, (pkg: Mutable) => void][] = [
    ["unknown version", "version", (p) => (p.version = "zkseg-proof/2")],
    ["extra key", "package.extra", (p) => (p.extra = 1)],
    ["missing key", "package.signal", (p) => delete p.signal],
    ["JSON number signal", "publicSignals[0]", (p) => (p.publicSignals[0] = 11)],
    ["leading zero", "publicSignals[1]", (p) => (p.publicSignals[1] = "022")],
    ["hex value", "scope", (p) => (p.scope = "0x4d")],
    ["five public signals", "publicSignals", (p) => p.publicSignals.pop()],
    ["bad segment id", "segmentId", (p) => (p.segmentId = "a b")],
    ["empty signal", "signal", (p) => (p.signal = "")],
    ["signal with NUL", "signal", (p) => (p.signal = "crm:\u0000")],
    ["signal with lone surrogate", "signal", (p) => (p.signal = "crm:\ud800")],
    ["signal over 256 characters", "signal", (p) => (p.signal = "x".repeat(257))],
    ["wrong protocol", "proof.protocol", (p) => (p.proof.protocol = "plonk")],
    ["extra proof key", "proof.extra", (p) => (p.proof.extra = "1")],
    ["projective pi_a", "proof.pi_a[2]", (p) => (p.proof.pi_a = ["1", "2", "3"])],
    ["short pi_b pair", "proof.pi_b[1]", (p) => (p.proof.pi_b = [["3", "4"], ["5"], ["1", "0"]])],
    [
      "projective pi_b",
      "proof.pi_b[2]",
      (p) =>
        (p.proof.pi_b = [
          ["3", "4"],
          ["5", "6"],
          ["1", "1"],
        ]),
    ],
  ];
  it("rejects a non-object", () => {
    for (const value of [null, [], "{}", 1]) {
      assert.throws(() => parseProofPackage(value), { reason: "malformed_package", field: "package" });
    }
  });

  const nonCanonicalCases: [string, string, (pkg: Mutable) => void][] = [
    ["signal equal to r", "publicSignals[2]", (p) => (p.publicSignals[2] = SNARK_SCALAR_FIELD.toString())],
    ["signal plus r", "publicSignals[3]", (p) => (p.publicSignals[3] = (77n + SNARK_SCALAR_FIELD).toString())],
    ["scope plus r", "scope", (p) => (p.scope = (77n + SNARK_SCALAR_FIELD).toString())],
    ["coordinate equal to q", "proof.pi_a[0]", (p) => (p.proof.pi_a = [BN254_BASE_FIELD.toString(), "2", "1"])],
    [
      "G2 coordinate above q",
      "proof.pi_b[0][1]",
      (p) =>
        (p.proof.pi_b = [
          ["3", (4n + BN254_BASE_FIELD).toString()],
          ["5", "6"],
          ["1", "0"],
        ]),
    ],
  ];
  const cases: [RejectionReason, [string, string, (pkg: Mutable) => void][]][] = [
    ["malformed_package", malformedCases],
    ["non_canonical_field_element", nonCanonicalCases],
  ];
  for (const [reason, table] of cases) {
    for (const [name, field, mutate] of table) {
      it(`rejects ${name}`, () => {
        const error = rejectionOf((pkg) => mutate(pkg as Mutable));
        assert.equal(error.reason, reason);
        assert.equal(error.field, field);
        assert.equal(error.code, "invalid_proof");
      });
    }
  }
});

describe("checkPublicSignals", () => {
  it("accepts matching signals", () => {
    assert.deepEqual(checkPublicSignals(samplePackage(), EXPECTED), { ok: true });
  });

  it("accepts a single expected date", () => {
    const result = checkPublicSignals(samplePackage(), { ...EXPECTED, dateWindow: undefined, date: 20260615 });
    assert.deepEqual(result, { ok: true });
  });

  const cases: [string, string, (pkg: ProofPackage) => void, Partial<ExpectedContext>][] = [
    ["wrong segment id", "segment_id_mismatch", () => undefined, { segmentId: "seg-2" }],
    ["wrong segment hash", "wrong_segment_hash", () => undefined, { segmentHash: "23" }],
    ["untrusted issuer", "untrusted_issuer", () => undefined, { trustedIssuerKeyHashes: [34n] }],
    ["other expected scope", "scope_mismatch", () => undefined, { scope: 78n }],
    ["other package scope", "scope_mismatch", (p) => (p.scope = "78"), {}],
    ["date after window", "date_outside_window", (p) => (p.publicSignals[5] = "20260616"), {}],
    ["date before window", "date_outside_window", (p) => (p.publicSignals[5] = "20260613"), {}],
    ["invalid date", "date_outside_window", () => undefined, { dateWindow: { earliest: 0, latest: 99999999 } }],
    ["other signal", "signal_hash_mismatch", (p) => (p.signal = "crm:customer-43"), {}],
  ];
  for (const [name, reason, mutate, expected] of cases) {
    it(`rejects ${name}`, () => {
      const pkg = samplePackage();
      mutate(pkg);
      if (name === "invalid date") pkg.publicSignals[5] = "20260230";
      const result = checkPublicSignals(pkg, { ...EXPECTED, ...expected });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, reason);
    });
  }
});
