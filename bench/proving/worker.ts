// Child process that proves one circuit on request, so each circuit's peak RSS is its own.
// Started by node.ts with `--import tsx`; messages use the "advanced" serialization (bigint-safe).
import * as snarkjs from "snarkjs";
import type { ProveRequest, ProveResponse } from "./protocol.js";

async function handle(request: ProveRequest): Promise<ProveResponse> {
  if (request.type === "exit") {
    // resourceUsage().maxRSS is in kilobytes and covers the whole process, worker threads included.
    return { type: "exited", maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  }
  const started = performance.now();
  const { publicSignals } = await snarkjs.groth16.fullProve(request.input, request.wasmPath, request.zkeyPath);
  return { type: "proved", ms: performance.now() - started, publicSignals };
}

process.on("message", (request: ProveRequest) => {
  handle(request).then(
    (response) => {
      process.send?.(response);
      if (response.type === "exited") process.exit(0);
    },
    (error: Error) => process.send?.({ type: "failed", message: error.message } satisfies ProveResponse),
  );
});
