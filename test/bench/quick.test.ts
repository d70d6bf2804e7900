// Runs `npm run bench -- --quick` end to end so the benchmark code keeps working; asserts the
// shape of its JSON and the deterministic figures, never a speed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ARTIFACTS, BUILD_DIR, REPO_ROOT } from "../../circuits/setup/paths.js";
import { REQUIRED_KEYS } from "../../bench/context.js";

const run = promisify(execFile);

describe("bench --quick", function () {
  // Under two minutes on two idle cores; the margin covers a first run's Semaphore setup on a busy machine.
  this.timeout(600_000);
  let outDir: string;
  let results: Record<string, unknown>;
  let report: string;

  before(async () => {
    await mkdir(BUILD_DIR, { recursive: true });
    outDir = await mkdtemp(path.join(BUILD_DIR, "bench-quick-"));
    await run(process.execPath, ["--import", "tsx", "bench/main.ts", "--quick", "--out", outDir], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    results = JSON.parse(await readFile(path.join(outDir, "results.json"), "utf8")) as Record<string, unknown>;
    report = await readFile(path.join(outDir, "benchmarks.md"), "utf8");
  });

  after(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it("results has every required key", () => {
    for (const key of REQUIRED_KEYS) assert.ok(key in results, `results.json lacks ${key}`);
  });

  it("results values are finite numbers or null", () => {
    for (const key of REQUIRED_KEYS) {
      const value = results[key];
      assert.ok(value === null || (typeof value === "number" && Number.isFinite(value)), `${key} is ${String(value)}`);
    }
  });

  it("results explains each null", () => {
    const reasons = results.notMeasured as Record<string, string>;
    for (const key of REQUIRED_KEYS) {
      if (results[key] === null) assert.equal(typeof reasons[key], "string", `${key} is null without a reason`);
    }
  });

  it("results has quick mode and machine", () => {
    assert.equal(results.mode, "quick");
    const machine = results.machine as Record<string, unknown>;
    assert.equal(machine.node, process.version);
    assert.equal(typeof machine.cpuModel, "string");
  });

  it("circuit sizes match the artifacts", async () => {
    const manifest = JSON.parse(await readFile(ARTIFACTS.manifest, "utf8")) as { constraints: number };
    assert.equal(results.constraints, manifest.constraints);
    assert.equal(results.zkeyBytes, (await stat(ARTIFACTS.zkey)).size);
    assert.equal(results.wasmBytes, (await stat(ARTIFACTS.wasm)).size);
  });

  it("semaphore anchor has depth-20 size", () => {
    // circomlib 2.0.5 and @zk-kit/circuits 0.4.0 under circom2 0.2.23 --O2.
    assert.equal(results.semaphoreConstraints, 6411);
    assert.equal(results.eddsaVerifierConstraints, 4217);
  });

  it("proving medians are positive", () => {
    assert.ok((results.proveMsNodeMedian as number) > 0);
    assert.ok((results.semaphoreProveMsNodeMedian as number) > 0);
  });

  it("report has machine and targets", () => {
    assert.match(report, /^# Benchmarks/);
    assert.match(report, /\| Node \| v\d+/);
    assert.match(report, /## Targets/);
    assert.match(report, /count query < 10 ms at 10\^6 members/);
  });
});
