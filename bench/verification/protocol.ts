// Messages between the benchmark and its snarkjs verify anchor process.
import type { ProofPackage } from "../../prover/src/index.js";

export interface VerifyRequest {
  pkg: ProofPackage;
  /** Stop after this long or after maxCalls verifications, whichever comes first. */
  durationMs: number;
  maxCalls: number;
}

export interface VerifyReport {
  latenciesMs: number[];
  elapsedMs: number;
}
