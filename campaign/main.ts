// `zkseg demo` / `npm start`: a segment campaign on real customer data, end to
// end. An issuer signs a credential per customer, a marketer defines segments,
// every matching customer proves membership to the service (and a sample to
// the chain), and the verified counts are compared with the ground truth.
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Piscina } from "piscina";
import { SingleBar, Presets } from "cli-progress";
import { REPO_ROOT } from "../circuits/setup/paths.js";
import { toDateNumber } from "../prover/src/dates.js";
import { generateIssuerKey, issuerKeyHash } from "../prover/src/issuer.js";
import { parseCredential } from "../prover/src/credential.js";
import { compileSegment, type CompiledSegment } from "../prover/src/segment/compile.js";
import { explainMismatch } from "../prover/src/segment/membership.js";
import { enrolCustomers, loadDataset, mappingFileOf, DATASETS, type Customer } from "./customers.js";
import { startEnvironment, type CampaignEnvironment } from "./environment.js";
import { isMember } from "./groundTruth.js";
import { formatResults, type SegmentResult } from "./report.js";
import type { ProveJob, ProveJobResult } from "./proveTask.js";
import { serviceCount, submitToChain, submitToService } from "./submit.js";
import { waitForReceipt } from "../contracts/receipts.js";

const USAGE = `usage: zkseg demo [options]     (npm start -- [options])

  --dataset NAME|CSV   bundled dataset (${DATASETS.join(", ")}) or a CSV path (default bank-marketing)
  --mapping FILE       column mapping for a CSV path (see data/*.mapping.json)
  --limit N            customers taken from the top of the file (default 200)
  --segments FILE      JSON list of {"name", "definition"} (default campaign/segments/<dataset>.json)
  --chain-sample N     members per segment who also prove on chain (default 2)
  --workers N          proving worker threads (default: one per core)
  --data-dir DIR       service data directory (default: a new folder under the OS temp directory)
  --keep-running       leave the service and the chain up and print their URLs`;

interface SegmentPlan {
  name: string;
  compiled: CompiledSegment;
  serviceId: string;
  serviceScope: string;
  chainId: bigint;
  chainScope: string;
}

function wholeNumber(value: string, option: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`invalid ${option} "${value}": expected a whole number`);
  return parsed;
}

async function readSegments(file: string): Promise<{ name: string; definition: string }[]> {
  const list = JSON.parse(await readFile(file, "utf8")) as unknown;
  if (
    !Array.isArray(list) ||
    list.some((item) => typeof item?.name !== "string" || typeof item?.definition !== "string")
  ) {
    throw new Error(`${file} must contain a JSON list of {"name": "...", "definition": "..."}`);
  }
  return list as { name: string; definition: string }[];
}

async function postJson(url: string, apiKey: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${url} failed with HTTP ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Registers each segment with the service and on chain. */
async function planSegments(
  env: CampaignEnvironment,
  apiKey: string,
  issuerKey: readonly [bigint, bigint],
  segments: { name: string; definition: string }[],
  schema: string,
): Promise<SegmentPlan[]> {
  const plans: SegmentPlan[] = [];
  const now = Math.floor(Date.now() / 1000);
  for (const segment of segments) {
    const compiled = await compileSegment(segment.definition, schema);
    const created = await postJson(`${env.serviceUrl}/v1/segments`, apiKey, {
      definition: compiled.text,
      schema,
      trustedIssuers: [[issuerKey[0].toString(), issuerKey[1].toString()]],
    });
    const chainId = (await env.registry.segmentCount.staticCall()) + 1n;
    const tx = await env.registry.createSegment(compiled.segmentHash, compiled.text, now - 3600, now + 7 * 86400);
    await waitForReceipt(tx);
    plans.push({
      name: segment.name,
      compiled,
      serviceId: String(created.id),
      serviceScope: String(created.scope),
      chainId,
      chainScope: (await env.registry.scopeOf(chainId)).toString(),
    });
  }
  return plans;
}

export interface DemoOptions {
  dataset: string;
  mapping?: string;
  limit: number;
  segmentsFile?: string;
  chainSample: number;
  workers: number;
  dataDir?: string;
  keepRunning: boolean;
  /** Receives the progress lines; default console.log. */
  log?: (line: string) => void;
  /** Draws the proving progress bar on standard error; default true. */
  progressBar?: boolean;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: "string", default: "bank-marketing" },
      mapping: { type: "string" },
      limit: { type: "string", default: "200" },
      segments: { type: "string" },
      "chain-sample": { type: "string", default: "2" },
      workers: { type: "string", default: String(os.availableParallelism()) },
      "data-dir": { type: "string" },
      "keep-running": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const results = await runDemo({
    dataset: values.dataset,
    mapping: values.mapping,
    limit: wholeNumber(values.limit, "--limit"),
    segmentsFile: values.segments,
    chainSample: wholeNumber(values["chain-sample"], "--chain-sample"),
    workers: Math.max(1, wholeNumber(values.workers, "--workers")),
    dataDir: values["data-dir"],
    keepRunning: values["keep-running"],
  });
  if (results.some((result) => result.verified !== result.groundTruth)) process.exitCode = 1;
}

/** Runs the campaign and returns one result per segment; prints the table on the way. */
export async function runDemo(options: DemoOptions): Promise<SegmentResult[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const segmentsFile =
    options.segmentsFile ?? path.join(REPO_ROOT, "campaign/segments", `${path.basename(options.dataset, ".csv")}.json`);
  const started = performance.now();
  const today = new Date();
  const date = toDateNumber(today);

  const { mapping, rows, csvPath } = await loadDataset(options.dataset, options.mapping, today, options.limit);
  const schema = `${mapping.schema.name}@${mapping.schema.version}`;
  const segments = await readSegments(segmentsFile);
  log(`zkseg demo: ${rows.length} customers from ${path.relative(process.cwd(), csvPath)} (${schema}),`);
  log(`${segments.length} segments from ${path.relative(process.cwd(), segmentsFile)}, proof date ${date}.`);

  const env = await startEnvironment({ dataDir: options.dataDir, port: 0 });
  const pool = new Piscina({
    filename: new URL("./proveWorker.mjs", import.meta.url).href,
    maxThreads: options.workers,
    minThreads: options.workers,
  });
  const shutdown = async () => {
    await Promise.allSettled([pool.destroy(), env.stop()]);
    // A data folder the campaign made itself is scratch space; one the user named is kept.
    if (!options.dataDir) await rm(env.dataDir, { recursive: true, force: true });
  };
  // Ctrl-C or SIGTERM mid-run must not leave anvil or the service running.
  const interrupt = (signal: NodeJS.Signals) => {
    console.error(`\nreceived ${signal}: stopping the service and the chain`);
    void shutdown().then(() => process.exit(130));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    log(`service ${env.serviceUrl} (embedded database in ${env.dataDir}, k-anonymity threshold 1 so that`);
    log(`exact counts can be compared), chain ${env.anvil.rpcUrl} with the registry at ${env.registryAddress}.`);
    log(`Codes and money in the definitions below follow ${path.relative(process.cwd(), mappingFileOf(options))}`);
    log(`(money in cents, categories as numeric codes).`);

    const issuer = await generateIssuerKey();
    await waitForReceipt(await env.registry.trustIssuer(await issuerKeyHash(issuer.publicKey)));
    const expiresAt = toDateNumber(new Date(today.getTime() + 365 * 86_400_000));
    const customers = await enrolCustomers(rows, mapping, issuer, expiresAt);
    log(`issuer signed ${customers.length} credentials (expiring ${expiresAt}).`);

    const { apiKey } = await env.service.createApiKey("demo marketer");
    const plans = await planSegments(env, apiKey, issuer.publicKey, segments, schema);
    const results = await runCampaign(
      env,
      pool,
      plans,
      customers,
      date,
      options.chainSample,
      options.progressBar ?? true,
    );
    for (const [i, plan] of plans.entries()) {
      results[i].verified = await serviceCount(env.serviceUrl, apiKey, plan.serviceId);
      results[i].onChainVerified = Number(await env.registry.count(plan.chainId));
    }
    log(`\n${formatResults(results)}\n`);
    const mismatches = results.filter((result) => result.verified !== result.groundTruth);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (mismatches.length > 0) {
      console.error(
        `FAILED: verified counts differ from the ground truth for ${mismatches.map((r) => r.name).join(", ")}`,
      );
    } else {
      log(`every verified count equals the ground truth (${seconds} s in all).`);
    }
    if (options.keepRunning) {
      log(`\nstill running: service ${env.serviceUrl} (marketer API key ${apiKey}), chain ${env.anvil.rpcUrl},`);
      log(`registry ${env.registryAddress}, data in ${env.dataDir}. Press Ctrl-C to stop.`);
      process.off("SIGINT", interrupt);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    }
    return results;
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    if (options.keepRunning) await Promise.allSettled([pool.destroy(), env.stop()]);
    else await shutdown();
  }
}

/** Proves every member's segments in the pool and submits the packages; returns one result per segment. */
async function runCampaign(
  env: CampaignEnvironment,
  pool: Piscina,
  plans: SegmentPlan[],
  customers: Customer[],
  date: number,
  chainSample: number,
  progressBar: boolean,
): Promise<SegmentResult[]> {
  const parsed = await Promise.all(customers.map((customer) => parseCredential(customer.credential)));
  const results: SegmentResult[] = plans.map((plan) => ({
    name: plan.name,
    definition: plan.compiled.text,
    groundTruth: customers.filter((customer) => isMember(plan.compiled.definition, customer.row.attributes, date))
      .length,
    verified: null,
    onChainSample: 0,
    onChainVerified: null,
    rejected: 0,
    replaysRejected: 0,
    meanProveMs: null,
  }));
  const jobs: { plan: number; chain: boolean; job: ProveJob }[] = [];
  plans.forEach((plan, p) => {
    let sampled = 0;
    customers.forEach((customer, c) => {
      // Each customer's SDK checks membership locally and proves only when the customer is a member.
      if (explainMismatch(plan.compiled.definition, plan.compiled.encoding, parsed[c].attributes, date).length > 0)
        return;
      const base = {
        identity: customer.identity,
        credential: customer.credential,
        definition: plan.compiled.text,
        schema: plan.compiled.definition.schema,
        signal: customer.handle,
        date,
      };
      jobs.push({ plan: p, chain: false, job: { ...base, scope: plan.serviceScope, segmentId: plan.serviceId } });
      if (sampled++ < chainSample) {
        jobs.push({ plan: p, chain: true, job: { ...base, scope: plan.chainScope, segmentId: String(plan.chainId) } });
      }
    });
  });

  const bar = new SingleBar(
    { format: "proving {bar} {value}/{total} proofs | {duration}s", noTTYOutput: true, notTTYSchedule: 10_000 },
    Presets.shades_classic,
  );
  if (progressBar) bar.start(jobs.length, 0);
  const proveMs = plans.map(() => [] as number[]);
  const firstAccepted = new Map<number, ProofPackageLike>();
  let chainQueue = Promise.resolve();
  await Promise.all(
    jobs.map(async ({ plan, chain, job }) => {
      const { pkg, proveMs: ms } = (await pool.run(job)) as ProveJobResult;
      proveMs[plan].push(ms);
      if (chain) {
        results[plan].onChainSample++;
        // Transactions go one at a time so that the sender's nonces stay in order.
        chainQueue = chainQueue.then(async () => {
          const outcome = await submitToChain(env.registry, plans[plan].chainId, pkg);
          if (!outcome.ok) {
            results[plan].rejected++;
            console.error(`\nchain rejected a proof for ${plans[plan].name}: ${outcome.reason}`);
          }
        });
      } else {
        const outcome = await submitToService(env.serviceUrl, pkg);
        if (outcome.status === 201) {
          if (!firstAccepted.has(plan)) firstAccepted.set(plan, pkg);
        } else {
          results[plan].rejected++;
          console.error(
            `\nservice rejected a proof for ${plans[plan].name}: HTTP ${outcome.status} ${outcome.code ?? ""}`,
          );
        }
      }
      if (progressBar) bar.increment();
    }),
  );
  await chainQueue;
  if (progressBar) bar.stop();
  // The service must reject a replayed package with 409 and count it once.
  for (const [plan, pkg] of firstAccepted) {
    const outcome = await submitToService(env.serviceUrl, pkg);
    if (outcome.status === 409) results[plan].replaysRejected++;
  }
  proveMs.forEach((times, i) => {
    results[i].meanProveMs = times.length ? times.reduce((a, b) => a + b, 0) / times.length : null;
  });
  return results;
}

type ProofPackageLike = ProveJobResult["pkg"];
