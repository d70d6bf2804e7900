// Child process that proves on request, so each circuit's peak RSS is its own. Started by
// node.ts with `--import tsx`; messages use the "advanced" serialization, which carries bigints.
import * as snarkjs from "snarkjs";
import { importIdentity, prove } from "../../prover/src/index.js";
import type { ProveRequest, ProveResponse } from "./protocol.js";

async function handle(request: ProveRequest): Promise<ProveResponse> {
  if (request.type === "exit") {
    // resourceUsage().maxRSS is in kilobytes and covers the whole process, worker threads included.
    return { type: "exited", maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  }
  const started = performance.now();
  if (request.type === "proveSdk") {
    const { holder, segment, options } = request;
    const proofPackage = await prove(importIdentity(holder.identity), holder.credential, segment, options);
    return { type: "proved", ms: performance.now() - started, proofPackage };
  }
  await snarkjs.groth16.fullProve(request.input, request.wasmPath, request.zkeyPath);
  return { type: "proved", ms: performance.now() - started };
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

// The benchmark process may end early (an error, Ctrl-C); do not outlive it.
process.on("disconnect", () => process.exit(0));
