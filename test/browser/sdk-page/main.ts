// Test page: exposes the SDK's worker prover to the browser test through window.zksegTest.
import {
  compileSegment,
  type CredentialDocument,
  importIdentity,
  type ProofPackage,
  proveInWorker,
} from "../../../prover/src/index.js";

/** One proving job as the Node side of the test describes it. */
export interface PageProveJob {
  identity: string;
  credential: CredentialDocument;
  segmentText: string;
  scope: string;
  signal: string;
  segmentId: string;
  date: number;
}

/** Result of one proof in the page: the package, the stages seen and main-thread timer ticks meanwhile. */
export interface PageProveResult {
  pkg: ProofPackage;
  stages: string[];
  milliseconds: number;
  ticks: number;
}

const worker = new Worker(new URL("../../../prover/src/browser/worker.ts", import.meta.url), { type: "module" });

async function proveJob(job: PageProveJob): Promise<PageProveResult> {
  const segment = await compileSegment(job.segmentText);
  const stages: string[] = [];
  let ticks = 0;
  // Counts 10 ms timer callbacks: a main thread blocked by proving would count almost none.
  const timer = setInterval(() => ticks++, 10);
  const start = performance.now();
  try {
    const pkg = await proveInWorker(worker, importIdentity(job.identity), job.credential, segment, {
      scope: job.scope,
      signal: job.signal,
      segmentId: job.segmentId,
      date: job.date,
      artifactsBaseUrl: "./artifacts/",
      onProgress: (stage) => stages.push(stage),
    });
    return { pkg, stages, milliseconds: performance.now() - start, ticks };
  } finally {
    clearInterval(timer);
  }
}

(globalThis as unknown as { zksegTest: unknown }).zksegTest = { prove: proveJob };
document.getElementById("status")!.textContent = "ready";
