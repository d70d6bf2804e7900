// Prometheus metrics. Each service instance has its own registry, so tests can
// run several instances in one process.
import { Counter, Histogram, Gauge, Registry, collectDefaultMetrics } from "prom-client";

export interface ServiceMetrics {
  registry: Registry;
  proofsAccepted: Counter;
  proofsRejected: Counter<"reason">;
  verificationSeconds: Histogram;
}

/** Creates the registry; `queueDepth` is read at each scrape. */
export function createMetrics(queueDepth: () => number): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "zkseg_" });
  const proofsAccepted = new Counter({
    name: "zkseg_proofs_accepted_total",
    help: "Proof packages verified and recorded as new joins",
    registers: [registry],
  });
  const proofsRejected = new Counter({
    name: "zkseg_proofs_rejected_total",
    help: "Proof packages rejected, by reason code",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const verificationSeconds = new Histogram({
    name: "zkseg_verification_duration_seconds",
    help: "Groth16 verification time including the wait for a worker, in seconds",
    buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
    registers: [registry],
  });
  new Gauge({
    name: "zkseg_verification_queue_depth",
    help: "Verifications waiting for a free worker",
    registers: [registry],
    collect() {
      this.set(queueDepth());
    },
  });
  return { registry, proofsAccepted, proofsRejected, verificationSeconds };
}
