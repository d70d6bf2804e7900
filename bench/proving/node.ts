// Proving time in Node: zkseg and the Semaphore anchor, interleaved pair by pair in two worker processes.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { show, type Recorder } from "../context.js";
import { BENCH_SEGMENT, issueBenchHolders, todayDateNumber } from "../fixtures/zkseg.js";
import { semaphoreInput } from "../semaphore/input.js";
import { ratio, round } from "../stats.js";
import { recordProvingComparison } from "./compare.js";
import type { ProveRequest, ProveResponse } from "./protocol.js";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

/** A worker process with one pending request at a time. */
class ProverProcess {
  private readonly child: ChildProcess;

  constructor(readonly name: string) {
    this.child = fork(WORKER, [], { execArgv: ["--import", "tsx"], serialization: "advanced", stdio: "inherit" });
  }

  request(message: ProveRequest): Promise<ProveResponse> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${this.name} prover process exited with code ${code}`));
      this.child.once("exit", onExit);
      this.child.once("message", (response: ProveResponse) => {
        this.child.off("exit", onExit);
        if (response.type === "failed") reject(new Error(`${this.name} proof failed: ${response.message}`));
        else resolve(response);
      });
      this.child.send(message);
    });
  }

  async prove(request: ProveRequest) {
    const response = await this.request(request);
    if (response.type !== "proved")
      throw new Error(`${this.name} prover process sent ${response.type}, expected proved`);
    return response;
  }

  /** Stops the process and returns its peak resident set size in bytes. */
  async close(): Promise<number> {
    const response = await this.request({ type: "exit" });
    return response.type === "exited" ? response.maxRssBytes : 0;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

export async function measureNodeProving(recorder: Recorder): Promise<void> {
  const { quick, log } = recorder.options;
  const section = recorder.section("Proving in Node");
  const semaphore = recorder.shared.semaphore;
  if (!semaphore) throw new Error("the Semaphore anchor was not built; the circuit size section failed first");
  const pairs = quick ? 3 : 20;
  const zkseg = new ProverProcess("zkseg");
  const anchor = new ProverProcess("semaphore");
  try {
    const { holders } = await issueBenchHolders(1);
    const zksegRequest: ProveRequest = {
      type: "proveSdk",
      holder: holders[0],
      segment: BENCH_SEGMENT,
      options: {
        scope: BigInt("0x" + randomBytes(31).toString("hex")),
        signal: "benchmark-handle",
        segmentId: "bench",
        date: todayDateNumber(),
      },
    };
    const anchorRequest: ProveRequest = {
      type: "fullProve",
      input: await semaphoreInput(),
      wasmPath: semaphore.wasmPath,
      zkeyPath: semaphore.zkeyPath,
    };
    // One untimed proof each loads the wasm, the zkey and snarkjs' curve workers.
    const warm = await zkseg.prove(zksegRequest);
    await anchor.prove(anchorRequest);
    if (!warm.proofPackage) throw new Error("the zkseg prover process returned no proof package");
    // The verification anchor reuses this proof.
    recorder.shared.zksegProof = warm.proofPackage;
    const zksegMs: number[] = [];
    const anchorMs: number[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      zksegMs.push((await zkseg.prove(zksegRequest)).ms);
      anchorMs.push((await anchor.prove(anchorRequest)).ms);
      log(
        `  pair ${pair + 1}/${pairs}: zkseg ${zksegMs.at(-1)?.toFixed(0)} ms, semaphore ${anchorMs.at(-1)?.toFixed(0)} ms`,
      );
    }
    const zksegRss = await zkseg.close();
    const anchorRss = await anchor.close();
    recordProvingComparison(recorder, section, "Node", zksegMs, anchorMs);
    recorder.set("provePeakRssMiB", round(zksegRss / 2 ** 20));
    recorder.set("semaphoreProvePeakRssMiB", round(anchorRss / 2 ** 20));
    const v = recorder.values;
    section.rows.push({
      figure: "peak RSS of the proving process",
      zkseg: show(v.provePeakRssMiB, "MiB"),
      anchor: `Semaphore: ${show(v.semaphoreProvePeakRssMiB, "MiB")}`,
      ratio: ratio(v.provePeakRssMiB, v.semaphoreProvePeakRssMiB),
    });
    section.notes.push(
      "Each circuit proves in its own Node process: zkseg through the SDK's prove() (local credential and segment " +
        "checks, witness, groth16.prove), Semaphore through snarkjs groth16.fullProve (witness and proof). " +
        "Each process runs " +
        "one untimed warm-up proof first. Pairs alternate zkseg, Semaphore, zkseg, ... so machine noise hits both. " +
        "Peak RSS is process.resourceUsage().maxRSS of each process, snarkjs' worker threads included.",
    );
  } finally {
    zkseg.kill();
    anchor.kill();
  }
}
