// Local verification of a proof package: the same checks, in the same order,
// that the verifier service makes before it accepts a proof.
import { groth16 } from "snarkjs";
import { type ArtifactOptions, loadVerificationKey } from "./artifacts.js";
import {
  checkPublicSignals,
  type ExpectedContext,
  parseProofPackage,
  ProofPackageError,
  type ProofPackage,
  type RejectionReason,
} from "./proofPackage.js";
import { PUBLIC_SIGNAL_INDEX } from "./witness.js";

/** Outcome of verifyProofPackage: the accepted package and its nullifier, or the reason it was rejected. */
export type VerificationResult =
  | { ok: true; pkg: ProofPackage; nullifier: bigint }
  | { ok: false; reason: RejectionReason; message: string; field?: string };

/**
 * Verifies an untrusted proof package against what the verifier expects:
 * strict shape and canonical encodings, segment id and hash, trusted issuer,
 * scope, date window, signal hash, then the Groth16 proof with the
 * verification key whose sha256 matches the manifest. A bad package yields a
 * rejection, not an exception; it throws only for an invalid `expected` or a
 * verification key that fails its sha256 check (artifact_mismatch).
 */
export async function verifyProofPackage(
  value: unknown,
  expected: ExpectedContext,
  options: { artifacts?: ArtifactOptions } = {},
): Promise<VerificationResult> {
  let pkg: ProofPackage;
  try {
    pkg = parseProofPackage(value);
  } catch (error) {
    if (error instanceof ProofPackageError) {
      return { ok: false, reason: error.reason, message: error.message, field: error.field };
    }
    throw error;
  }
  const check = checkPublicSignals(pkg, expected);
  if (!check.ok) return check;
  const verificationKey = await loadVerificationKey(options.artifacts);
  if (!(await groth16.verify(verificationKey, pkg.publicSignals, pkg.proof))) {
    return {
      ok: false,
      reason: "invalid_proof",
      message: "the Groth16 proof does not verify for these public signals",
    };
  }
  return { ok: true, pkg, nullifier: BigInt(pkg.publicSignals[PUBLIC_SIGNAL_INDEX.nullifier]) };
}
