// Static checks on the snarkjs-generated Solidity verifier. A verifier that
// range-checks public signals against the base field q instead of the scalar
// field r accepts s and s + r as different signals for one proof, so one
// credential could join a segment under several nullifiers.
import { readFileSync } from "node:fs";
import { ARTIFACTS } from "../circuits/setup/paths.js";
import { SNARK_SCALAR_FIELD } from "../prover/src/field.js";
import { PUBLIC_SIGNAL_COUNT } from "../prover/src/witness.js";

/**
 * Lists what is wrong with a generated verifier's source; an empty list means it passes.
 * Checks that the constant r is the BN254 scalar field order, that checkField
 * compares against r, that verifyProof takes exactly PUBLIC_SIGNAL_COUNT signals
 * and that it range-checks each of them once, at offsets 0, 32, 64, ...
 */
export function findVerifierProblems(source: string): string[] {
  const problems: string[] = [];

  const rConstant = /uint256\s+constant\s+r\s*=\s*(\d+)\s*;/.exec(source);
  if (!rConstant) problems.push("no `uint256 constant r = ...;` declaration");
  else if (BigInt(rConstant[1]) !== SNARK_SCALAR_FIELD) {
    problems.push(`constant r is ${rConstant[1]}, expected the BN254 scalar field order ${SNARK_SCALAR_FIELD}`);
  }

  const checkField =
    /function\s+checkField\s*\(\s*v\s*\)\s*\{\s*if\s+iszero\s*\(\s*lt\s*\(\s*v\s*,\s*(\w+)\s*\)\s*\)/.exec(source);
  if (!checkField) problems.push("no `function checkField(v) { if iszero(lt(v, ...)) ... }` in the assembly block");
  else if (checkField[1] !== "r") {
    problems.push(`checkField compares signals against \`${checkField[1]}\`, expected the scalar field \`r\``);
  }

  const signature = /function\s+verifyProof\s*\([^)]*uint(?:256)?\s*\[\s*(\d+)\s*\]\s+calldata\s+_pubSignals\s*\)/.exec(
    source,
  );
  if (!signature) problems.push("no `verifyProof(..., uint[N] calldata _pubSignals)` declaration");
  else if (Number(signature[1]) !== PUBLIC_SIGNAL_COUNT) {
    problems.push(`verifyProof reads ${signature[1]} public signals, expected ${PUBLIC_SIGNAL_COUNT}`);
  }

  const offsets = [
    ...source.matchAll(/checkField\s*\(\s*calldataload\s*\(\s*add\s*\(\s*_pubSignals\s*,\s*(\d+)\s*\)/g),
  ].map((match) => Number(match[1]));
  const expected = Array.from({ length: PUBLIC_SIGNAL_COUNT }, (_, i) => i * 32);
  if (offsets.join(",") !== expected.join(",")) {
    problems.push(
      `checkField is applied at calldata offsets [${offsets.join(", ")}], expected [${expected.join(", ")}]`,
    );
  }
  return problems;
}

/** Throws with every problem found in contracts/generated/Groth16Verifier.sol. */
export function checkGeneratedVerifier(file: string = ARTIFACTS.solidityVerifier): void {
  const problems = findVerifierProblems(readFileSync(file, "utf8"));
  if (problems.length > 0) {
    throw new Error(`${file} failed its checks; rerun \`npm run setup\` to regenerate it:\n- ${problems.join("\n- ")}`);
  }
}
