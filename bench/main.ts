// `npm run bench [-- --quick] [--out DIR]`: measures zkseg next to its anchors on this machine and
// writes bench/results.json and docs/benchmarks.md (or DIR/results.json and DIR/benchmarks.md).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT, SNARKJS_DIR } from "../circuits/setup/paths.js";
import { Recorder, REQUIRED_KEYS, show } from "./context.js";
import { measureCircuits } from "./circuits.js";
import { measureGasCosts } from "./gas.js";
import { describeMachine } from "./machine.js";
import { measureBrowserProving } from "./proving/browser.js";
import { measureNodeProving } from "./proving/node.js";
import { REPORT_PATH, RESULTS_PATH, writeReports, type Target } from "./report.js";
import { measureScale } from "./scale.js";
import { measureServiceThroughput } from "./service/throughput.js";
import { measureSnarkjsVerify } from "./verification/snarkjs.js";

interface Section {
  name: string;
  /** Result keys this section sets; they become null with the error when it fails. */
  keys: string[];
  run: (recorder: Recorder) => Promise<void>;
}

const SECTIONS: Section[] = [
  {
    name: "circuit size",
    keys: ["constraints", "semaphoreConstraints", "zkeyBytes", "wasmBytes"],
    run: measureCircuits,
  },
  {
    name: "Node proving",
    keys: ["proveMsNodeMedian", "semaphoreProveMsNodeMedian"],
    run: measureNodeProving,
  },
  { name: "browser proving", keys: ["proveMsBrowserMedian"], run: measureBrowserProving },
  { name: "snarkjs verification", keys: ["verifyMsSnarkjsMedian"], run: measureSnarkjsVerify },
  {
    name: "service throughput",
    keys: ["serviceProofsPerSecond", "serviceP99Ms"],
    run: measureServiceThroughput,
  },
  { name: "gas", keys: ["submitGas", "verifierGas"], run: measureGasCosts },
  { name: "scale", keys: ["countQueryMsAt1e6"], run: measureScale },
];

async function packageVersion(dir: string): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

function targets(values: Record<string, number | null>): Target[] {
  const proveRatio = values.proveNodeRatio ?? null;
  const serviceRatio = values.serviceToSnarkjsRatio ?? null;
  const count = values.countQueryMsAt1e6 ?? null;
  return [
    {
      statement: "zkseg proving no slower than Semaphore v4 depth 20 (Node median ratio <= 1.0)",
      measured: proveRatio === null ? "not measured" : `ratio ${proveRatio.toFixed(2)}`,
      met: proveRatio === null ? null : proveRatio <= 1,
    },
    {
      statement: "service verification >= 4x the single-threaded snarkjs verify rate on two cores",
      measured: serviceRatio === null ? "not measured" : `${serviceRatio.toFixed(2)}x`,
      met: serviceRatio === null ? null : serviceRatio >= 4,
    },
    {
      statement: "count query < 10 ms at 10^6 members",
      measured: show(count, "ms", "see Scale"),
      met: count === null ? null : count < 10,
    },
  ];
}

/** Runs every section in order; a failing section leaves its keys null with the error as the reason. */
async function runSections(recorder: Recorder): Promise<void> {
  const { log } = recorder.options;
  for (const section of SECTIONS) {
    const started = Date.now();
    log(`== ${section.name}`);
    try {
      await section.run(recorder);
    } catch (error) {
      const reason = (error as Error).message.split("\n")[0];
      log(`   ${section.name} failed: ${reason}`);
      for (const key of section.keys) if (recorder.values[key] === undefined) recorder.missing(key, reason);
    }
    log(`   ${section.name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { quick: { type: "boolean", default: false }, out: { type: "string" } },
  });
  const quick = args.quick ?? false;
  const log = (line: string) => console.log(line);
  const recorder = new Recorder({ quick, log });
  const machine = describeMachine();
  const runStarted = Date.now();
  log(
    `zkseg benchmarks (${quick ? "quick" : "full"}) on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`,
  );
  await runSections(recorder);
  for (const key of REQUIRED_KEYS) {
    if (recorder.values[key] === undefined) recorder.missing(key, "no section measured it in this run");
  }
  const versions = {
    snarkjs: await packageVersion(SNARKJS_DIR),
    circom2: await packageVersion(path.join(REPO_ROOT, "node_modules/circom2")),
  };
  const results = {
    machine,
    mode: quick ? ("quick" as const) : ("full" as const),
    durationSeconds: Math.round((Date.now() - runStarted) / 1000),
    values: recorder.values,
    notMeasured: recorder.notMeasured,
    sections: recorder.sections,
  };
  const outDir = args.out ? path.resolve(args.out) : undefined;
  await writeReports(results, targets(recorder.values), versions, {
    results: outDir ? path.join(outDir, "results.json") : RESULTS_PATH,
    report: outDir ? path.join(outDir, "benchmarks.md") : REPORT_PATH,
  });
  for (const key of REQUIRED_KEYS) {
    log(`${key}: ${show(recorder.values[key], "", recorder.notMeasured[key])}`);
  }
}

await main();
// snarkjs keeps curve worker threads alive; end the process once the reports are written.
process.exit(0);
