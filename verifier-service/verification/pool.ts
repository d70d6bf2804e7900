// A bounded pool of verification workers that verifies proofs in batches.
// Pending verifications wait in one queue. Whenever a worker is idle, up to
// MAX_BATCH_SIZE of them go to it as one batch, so an idle service verifies a
// lone proof at once and a busy one amortises each pairing check over many.
// When the queue contains maxQueue proofs, verify() throws a 503 ServiceError
// instead of queueing without bound, so load beyond capacity is shed rather
// than slowing everyone.
import { Piscina } from "piscina";
import { ServiceError } from "../errors.js";
import type { Groth16ProofJson } from "../../prover/src/proofPackage.js";

/**
 * Maximum proofs per batch. By estimate, larger batches save little more, because the shared final
 * exponentiation and three fixed Miller loops are then a small part of the per-proof Miller loops.
 */
export const MAX_BATCH_SIZE = 16;

export interface VerificationResult {
  valid: boolean;
  /** snarkjs' message when it threw on the input instead of returning false. */
  error?: string;
}

interface PendingVerification {
  proof: Groth16ProofJson;
  publicSignals: readonly string[];
  resolve(result: VerificationResult): void;
  reject(error: unknown): void;
}

export class VerifierPool {
  private readonly pool: Piscina;
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly pending: PendingVerification[] = [];
  private runningBatches = 0;
  /** Callers of close() waiting for the running and pending verifications to finish. */
  private drainWaiters: (() => void)[] = [];

  constructor(verificationKeyPath: string, options: { size: number; maxQueue: number }) {
    this.size = options.size;
    this.maxQueue = options.maxQueue;
    this.pool = new Piscina({
      filename: new URL("./worker.mjs", import.meta.url).href,
      workerData: { verificationKeyPath },
      minThreads: options.size,
      maxThreads: options.size,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  /** Verifications waiting for a free worker. */
  get queueDepth(): number {
    return this.pending.length;
  }

  verify(proof: Groth16ProofJson, publicSignals: readonly string[]): Promise<VerificationResult> {
    if (this.runningBatches >= this.size && this.pending.length >= this.maxQueue) {
      return Promise.reject(
        new ServiceError(503, "verifier_busy", "all verification workers are busy; retry after a second", {
          retryAfterSeconds: 1,
        }),
      );
    }
    const result = new Promise<VerificationResult>((resolve, reject) => {
      this.pending.push({ proof, publicSignals, resolve, reject });
    });
    this.dispatch();
    return result;
  }

  /** Sends pending verifications to idle workers, at most MAX_BATCH_SIZE per batch. */
  private dispatch(): void {
    while (this.runningBatches < this.size && this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH_SIZE);
      this.runningBatches++;
      void this.runBatch(batch);
    }
  }

  private async runBatch(batch: PendingVerification[]): Promise<void> {
    try {
      const items = batch.map(({ proof, publicSignals }) => ({ proof, publicSignals }));
      const results = (await this.pool.run({ items })) as VerificationResult[];
      batch.forEach((entry, i) => entry.resolve(results[i]));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.runningBatches--;
      this.dispatch();
      if (this.runningBatches === 0) for (const wake of this.drainWaiters.splice(0)) wake();
    }
  }

  /**
   * Lets running and queued verifications finish, then terminates the worker threads.
   * Each worker's single-threaded curve has no threads of its own to terminate.
   */
  async close(): Promise<void> {
    if (this.runningBatches > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    await this.pool.close();
  }
}
