// Runs the SDK's prover worker for the customer page: one worker per proof, ended afterwards
// so the several megabytes of proving state do not stay in memory.
import { proveInWorker } from "../../../prover/src/browser/client.js";
import type { Identity } from "../../../prover/src/identity.js";
import type { ProofPackage } from "../../../prover/src/proofPackage.js";
import type { CompiledSegment } from "../../../prover/src/segment/compile.js";

/** Stages shown while a proof is made: loading artifacts, then the SDK's witness, proof and done stages. */
export type ProofProgress = "artifacts" | "witness" | "proof" | "done";

/** Inputs of one proof: identity, the credential JSON and the segment as published. */
export interface ProveJob {
  identity: Identity;
  credential: string;
  segment: CompiledSegment;
  segmentId: string;
  scope: string;
  signal: string;
}

/** Proves `job` in a new worker and returns the proof package; artifacts come from ./artifacts/ of this site. */
export async function proveSegmentInWorker(
  job: ProveJob,
  onProgress: (stage: ProofProgress) => void,
): Promise<ProofPackage> {
  const worker = new Worker(new URL("./proveWorker.ts", import.meta.url), { type: "module" });
  onProgress("artifacts");
  try {
    return await proveInWorker(worker, job.identity, job.credential, job.segment, {
      scope: job.scope,
      signal: job.signal,
      segmentId: job.segmentId,
      artifactsBaseUrl: new URL("./artifacts/", document.baseURI),
      onProgress,
    });
  } finally {
    worker.terminate();
  }
}
