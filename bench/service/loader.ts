// Load generator child process: keeps `concurrency` requests in flight against a loopback URL
// until the duration or the request budget runs out, then reports every latency and status.
import type { LoadReport, LoadRequest } from "./protocol.js";

async function runLoad(request: LoadRequest): Promise<LoadReport> {
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + request.durationMs;
  const loop = async () => {
    while (performance.now() < deadline && sent < request.maxRequests) {
      const body = request.bodies.length > 0 ? request.bodies[sent % request.bodies.length] : undefined;
      sent++;
      const t0 = performance.now();
      try {
        const response = await fetch(request.url, { method: request.method, headers: request.headers, body });
        await response.arrayBuffer();
        latenciesMs.push(performance.now() - t0);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, loop));
  return { latenciesMs, statuses, elapsedMs: performance.now() - started, errors, firstError };
}

process.on("message", (request: LoadRequest) => {
  runLoad(request).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: Error) => {
      console.error(`load generator failed: ${error.message}`);
      process.exit(1);
    },
  );
});

// The benchmark process may end early (an error, Ctrl-C); do not outlive it.
process.on("disconnect", () => process.exit(0));
