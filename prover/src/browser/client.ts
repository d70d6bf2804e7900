// Main-thread side of the prover worker.
import { type CredentialDocument } from "../credential.js";
import { ZksegError } from "../errors.js";
import { exportIdentity, type Identity } from "../identity.js";
import type { ProofPackage } from "../proofPackage.js";
import type { ProofStage } from "../prove.js";
import { schemaRef } from "../schema.js";
import type { CompiledSegment } from "../segment/compile.js";
import type { ProveRequest, WorkerResponse } from "./protocol.js";

/** Options of proveInWorker: those of prove, with a required artifacts URL. */
export interface WorkerProveOptions {
  scope: bigint | string;
  signal: string;
  segmentId: string;
  /** Proof date as YYYYMMDD; default today in UTC, as the worker's clock reads it. */
  date?: number;
  onProgress?: (stage: ProofStage) => void;
  /** URL of the folder serving the artifacts; relative URLs resolve against the page. */
  artifactsBaseUrl: string | URL;
}

let nextRequestId = 1;

/**
 * Proves in a Web Worker running prover/src/browser/worker.ts and resolves
 * with the proof package. Errors arrive as ZksegError with the worker's code
 * and field. One worker can serve several calls, one after another or at once.
 */
export function proveInWorker(
  worker: Worker,
  identity: Identity,
  credential: CredentialDocument | string,
  segment: CompiledSegment,
  options: WorkerProveOptions,
): Promise<ProofPackage> {
  const request: ProveRequest = {
    type: "prove",
    id: nextRequestId++,
    identity: exportIdentity(identity),
    credential,
    segment: { text: segment.text, schema: schemaRef(segment.definition.schema) },
    scope: options.scope.toString(),
    signal: options.signal,
    segmentId: options.segmentId,
    date: options.date,
    artifactsBaseUrl: new URL(options.artifactsBaseUrl, globalThis.location?.href).href,
  };
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<WorkerResponse>): void => {
      const message = event.data;
      if (message?.id !== request.id) return;
      if (message.type === "progress") {
        options.onProgress?.(message.stage);
        return;
      }
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      if (message.type === "result") resolve(message.pkg);
      else reject(new ZksegError(message.code, message.message, message.field));
    };
    const onError = (event: ErrorEvent): void => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      reject(new ZksegError("invalid_proof", `prover worker failed: ${event.message}; check the worker URL`));
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    worker.postMessage(request);
  });
}
