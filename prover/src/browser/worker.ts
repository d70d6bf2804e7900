// Web Worker entry: proves off the main thread so the page stays responsive.
// Start it with new Worker(url, { type: "module" }) and talk to it through proveInWorker.
import { ZksegError } from "../errors.js";
import { importIdentity } from "../identity.js";
import { prove } from "../prove.js";
import { compileSegment } from "../segment/compile.js";
import type { ProveRequest, WorkerResponse } from "./protocol.js";

function reply(message: WorkerResponse): void {
  postMessage(message);
}

async function handle(request: ProveRequest): Promise<void> {
  try {
    const segment = await compileSegment(request.segment.text, request.segment.schema);
    const pkg = await prove(importIdentity(request.identity), request.credential, segment, {
      scope: request.scope,
      signal: request.signal,
      segmentId: request.segmentId,
      date: request.date,
      artifacts: { baseUrl: request.artifactsBaseUrl },
      onProgress: (stage) => reply({ type: "progress", id: request.id, stage }),
    });
    reply({ type: "result", id: request.id, pkg });
  } catch (error) {
    if (error instanceof ZksegError) {
      reply({ type: "error", id: request.id, code: error.code, message: error.message, field: error.field });
    } else {
      reply({ type: "error", id: request.id, code: "invalid_proof", message: `proving failed: ${String(error)}` });
    }
  }
}

addEventListener("message", (event: MessageEvent<ProveRequest>) => {
  if (event.data?.type === "prove") void handle(event.data);
});
