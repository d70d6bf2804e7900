// A bounded pool of verification workers. When every worker is busy and the
// queue is full, verify() throws a 503 ServiceError instead of queueing
// without bound, so load beyond capacity is shed rather than slowing everyone.
import { Piscina } from "piscina";
import { ServiceError } from "../errors.js";
import type { Groth16ProofJson } from "../../prover/src/proofPackage.js";

export interface VerificationResult {
  valid: boolean;
  /** snarkjs' message when it threw on the input instead of returning false. */
  error?: string;
}

export class VerifierPool {
  private readonly pool: Piscina;

  constructor(verificationKeyPath: string, options: { size: number; maxQueue: number }) {
    this.pool = new Piscina({
      filename: new URL("./worker.mjs", import.meta.url).href,
      workerData: { verificationKeyPath },
      minThreads: options.size,
      maxThreads: options.size,
      maxQueue: options.maxQueue,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  /** Verifications waiting for a free worker. */
  get queueDepth(): number {
    return this.pool.queueSize;
  }

  async verify(proof: Groth16ProofJson, publicSignals: readonly string[]): Promise<VerificationResult> {
    try {
      return await this.pool.run({ proof, publicSignals });
    } catch (error) {
      if (error instanceof Error && error.message === "Task queue is at limit") {
        throw new ServiceError(503, "verifier_busy", "all verification workers are busy; retry after a second", {
          retryAfterSeconds: 1,
        });
      }
      throw error;
    }
  }

  /**
   * Lets running verifications finish, then terminates the worker threads.
   * Each worker's single-threaded curve has no threads of its own to terminate.
   */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
