// Load benchmark of the verifier service on loopback:
//   npx tsx verifier-service/bench/load.ts [seconds=15] [connections=8]
// Measures snarkjs' single-threaded verify rate in this process, then serves
// the service here and drives POST /v1/segments/:id/proofs from a second
// process (autocannon). Every request carries the same valid proof, so the
// first one joins (201) and the rest are verified in full and get 409.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as snarkjs from "snarkjs";
import { ARTIFACTS, REPO_ROOT } from "../../circuits/setup/paths.js";
import { createService } from "../service.js";
import { DEFINITION, issuerPublicKey, proofPackage } from "../../test/service/fixtures.js";

const seconds = Number(process.argv[2] ?? 15);
const connections = Number(process.argv[3] ?? 8);

async function singleThreadVerifyRate(pkg: { proof: snarkjs.Groth16Proof; publicSignals: string[] }): Promise<number> {
  const verificationKey = JSON.parse(fs.readFileSync(ARTIFACTS.verificationKey, "utf8"));
  const curve = await (snarkjs.curves.getCurveFromName as (name: string, options: object) => Promise<unknown>)(
    "bn128",
    { singleThread: true },
  );
  const shared = globalThis as { curve_bn128?: unknown };
  const previous = shared.curve_bn128;
  shared.curve_bn128 = curve;
  const count = 100;
  await snarkjs.groth16.verify(verificationKey, pkg.publicSignals, pkg.proof);
  const started = performance.now();
  for (let i = 0; i < count; i++) await snarkjs.groth16.verify(verificationKey, pkg.publicSignals, pkg.proof);
  const rate = count / ((performance.now() - started) / 1000);
  shared.curve_bn128 = previous;
  return rate;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  statusCodeStats?: Record<string, { count: number }>;
  non2xx: number;
  errors: number;
}

async function runLoad(poolSize: number, pkg: object, segmentId: string, dataDir: string, apiKeyName: string) {
  const service = await createService({ dataDir, poolSize, rateLimit: 10_000_000, logLevel: "warn" });
  try {
    await service.createApiKey(apiKeyName);
    const url = await service.start(0);
    const bodyFile = path.join(dataDir, "body.json");
    fs.writeFileSync(bodyFile, JSON.stringify(pkg));
    const { stdout } = await promisify(execFile)(
      path.join(REPO_ROOT, "node_modules/.bin/autocannon"),
      [
        "-j",
        "-c",
        String(connections),
        "-d",
        String(seconds),
        "-m",
        "POST",
        "-H",
        "content-type=application/json",
        "-i",
        bodyFile,
        `${url}/v1/segments/${segmentId}/proofs`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    return JSON.parse(stdout) as AutocannonResult;
  } finally {
    await service.stop();
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zkseg-load-"));
  try {
    const setup = await createService({ dataDir, logLevel: "warn" });
    const { apiKey } = await setup.createApiKey("bench");
    const url = await setup.start(0);
    const response = await fetch(`${url}/v1/segments`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ definition: DEFINITION, trustedIssuers: [await issuerPublicKey(0)] }),
    });
    const segment = (await response.json()) as { id: string; scope: string };
    await setup.stop();
    const pkg = await proofPackage({ segmentId: segment.id, scope: BigInt(segment.scope), signal: "bench" });
    const baseline = await singleThreadVerifyRate(pkg);
    console.log(`snarkjs groth16.verify, single-threaded curve, one thread: ${baseline.toFixed(1)} verifications/s`);
    for (const poolSize of [1, 2]) {
      const result = await runLoad(poolSize, pkg, segment.id, dataDir, `bench-${poolSize}`);
      const statuses = Object.entries(result.statusCodeStats ?? {})
        .map(([status, { count }]) => `${status}:${count}`)
        .join(" ");
      console.log(
        `service, pool ${poolSize}, ${connections} connections, ${seconds} s: ${result.requests.average.toFixed(1)} verified proofs/s, ` +
          `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, statuses ${statuses}, errors ${result.errors}`,
      );
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128;
    if (curve) await curve.terminate();
  }
}

await main();
