// Runs the SDK's prove() in a dedicated Web Worker so the page stays responsive while proving.
import type { ProofPackage } from "../../../prover/src/proofPackage.js";

/** Stages reported while a proof is made. */
export type ProofProgress = "artifacts" | "witness" | "proof" | "done";

/** What the worker needs: exported identity, credential JSON and the segment as published. */
export interface ProveJob {
  identity: string;
  credential: string;
  segment: string;
  schema: string;
  segmentId: string;
  scope: string;
  signal: string;
}

/** Messages the worker posts back. */
export type WorkerMessage =
  | { type: "progress"; stage: ProofProgress }
  | { type: "result"; proofPackage: ProofPackage }
  | { type: "error"; message: string; code?: string };

/** Proves `job` in a new worker and returns the proof package; the worker ends after one proof. */
export function proveSegmentInWorker(job: ProveJob, onProgress: (stage: ProofProgress) => void): Promise<ProofPackage> {
  const worker = new Worker(new URL("./proveWorker.ts", import.meta.url), { type: "module" });
  return new Promise<ProofPackage>((resolve, reject) => {
    worker.addEventListener("message", (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === "progress") return onProgress(message.stage);
      worker.terminate();
      if (message.type === "result") resolve(message.proofPackage);
      else reject(new Error(message.message));
    });
    worker.addEventListener("error", (event) => {
      worker.terminate();
      reject(new Error(`the proving worker failed: ${event.message || "unknown error"}`));
    });
    worker.postMessage({ ...job, artifactsUrl: new URL("./artifacts/", document.baseURI).href });
  });
}
