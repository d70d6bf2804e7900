// Web Worker: runs the SDK's prove() off the main thread and reports its stages.
import "../shared/bufferPolyfill.js";
import { importIdentity } from "../../../prover/src/identity.js";
import { prove } from "../../../prover/src/prove.js";
import type { ProveJob, WorkerMessage } from "./proverClient.js";

function send(message: WorkerMessage): void {
  postMessage(message);
}

addEventListener("message", (event: MessageEvent<ProveJob & { artifactsUrl: string }>) => {
  const job = event.data;
  send({ type: "progress", stage: "artifacts" });
  prove(importIdentity(job.identity), job.credential, job.segment, {
    scope: job.scope,
    signal: job.signal,
    segmentId: job.segmentId,
    artifacts: { baseUrl: job.artifactsUrl },
    onProgress: (stage) => send({ type: "progress", stage }),
  }).then(
    (proofPackage) => send({ type: "result", proofPackage }),
    (error: unknown) =>
      send({ type: "error", message: (error as Error).message, code: (error as { code?: string }).code }),
  );
});
