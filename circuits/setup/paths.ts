// File locations of the segment circuit and its committed artifacts.
import { fileURLToPath } from "node:url";
import path from "node:path";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CIRCUIT_NAME = "segment_membership";
export const CIRCUIT_SOURCE = path.join(REPO_ROOT, "circuits/main", `${CIRCUIT_NAME}.circom`);
export const CIRCOMLIB_DIR = path.join(REPO_ROOT, "node_modules/circomlib/circuits");
export const BUILD_DIR = path.join(REPO_ROOT, "build");
export const ARTIFACTS_DIR = path.join(REPO_ROOT, "circuits/artifacts");

/** Paths of the artifacts that the prover, the verifiers and the contract use. */
export const ARTIFACTS = {
  wasm: path.join(ARTIFACTS_DIR, `${CIRCUIT_NAME}.wasm`),
  zkey: path.join(ARTIFACTS_DIR, `${CIRCUIT_NAME}.zkey`),
  verificationKey: path.join(ARTIFACTS_DIR, "verification_key.json"),
  ptau: path.join(ARTIFACTS_DIR, "powers_of_tau_13.ptau"),
  manifest: path.join(ARTIFACTS_DIR, "manifest.json"),
  solidityVerifier: path.join(REPO_ROOT, "contracts/generated/Groth16Verifier.sol"),
} as const;

/** Powers of Tau size: 2^13 = 8,192 rows covers the circuit's constraints plus public inputs. */
export const PTAU_POWER = 13;

/** The installed snarkjs package folder (its exports map hides package.json and templates). */
export const SNARKJS_DIR = path.join(REPO_ROOT, "node_modules/snarkjs");
