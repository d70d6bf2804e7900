// Messages between the proving benchmark and its worker processes.
import type { ProofPackage, ProveOptions } from "../../prover/src/index.js";
import type { BenchHolder } from "../fixtures/zkseg.js";

export type ProveRequest =
  /** zkseg through the SDK's prove(identity, credential, segment, options). */
  | { type: "proveSdk"; holder: BenchHolder; segment: string; options: Omit<ProveOptions, "onProgress"> }
  /** Any circuit through snarkjs groth16.fullProve. */
  | { type: "fullProve"; input: Record<string, unknown>; wasmPath: string; zkeyPath: string }
  | { type: "exit" };

export type ProveResponse =
  | { type: "proved"; ms: number; proofPackage?: ProofPackage }
  | { type: "exited"; maxRssBytes: number }
  | { type: "failed"; message: string };
