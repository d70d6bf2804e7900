// The verifier service as a child process (`zkseg serve`) on embedded PGlite:
// a clean SIGTERM shutdown, a SIGKILL in the middle of a burst of joins, and a
// search of every log line and database cell for attributes and secrets.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../circuits/setup/paths.js";
import { poseidon } from "../../prover/src/hash.js";
import { createService } from "../../verifier-service/service.js";
import { openPglite } from "../../verifier-service/data/driver.js";
import { ATTRIBUTES, holderSecret, proofPackage, type ProofPackage } from "../service/fixtures.js";
import { request, tempDataDir } from "../service/helpers.js";
import { createSegment, memberCount, type SegmentInfo } from "./helpers.js";

const HOLDERS = Array.from({ length: 12 }, (_, i) => 100 + i);
const READY_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 10_000;

interface ChildService {
  child: ChildProcess;
  url: string;
  /** Every line the child wrote to standard output and standard error. */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `zkseg serve` on a free port and waits for its "started" log line. */
async function spawnService(dataDir: string): Promise<ChildService> {
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, "bin/zkseg.js"),
      "serve",
      "--port",
      "0",
      "--data-dir",
      dataDir,
      "--k-anonymity",
      "1",
      "--pool-size",
      "1",
      "--log-level",
      "info",
    ],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`zkseg serve not ready: ${lines.join("\n")}`)), READY_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        lines.push(line);
        const started = /"event":"started".*"url":"([^"]+)"/.exec(line);
        if (started) {
          clearTimeout(timer);
          resolve(started[1]);
        }
      }
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    void exited.then(({ code }) => reject(new Error(`zkseg serve exited with ${code}: ${lines.join("\n")}`)));
  });
  return { child, url, lines, exited };
}

/** Sends SIGTERM and returns the exit status, failing when the process outlives EXIT_TIMEOUT_MS. */
async function terminate(service: ChildService): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  service.child.kill("SIGTERM");
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("zkseg serve did not exit after SIGTERM")), EXIT_TIMEOUT_MS).unref(),
  );
  return Promise.race([service.exited, timeout]);
}

describe("security: service process", function () {
  const dataDir = tempDataDir();
  let apiKey: string;
  let segment: SegmentInfo;
  let packages: ProofPackage[];
  const children: ChildService[] = [];
  const start = async () => {
    const service = await spawnService(dataDir);
    children.push(service);
    return service;
  };

  before(async function () {
    const service = await createService({ dataDir, logLevel: "silent", poolSize: 1 });
    try {
      const url = await service.start(0);
      apiKey = (await service.createApiKey("Acme Retail")).apiKey;
      segment = await createSegment(url, apiKey);
    } finally {
      await service.stop();
    }
    packages = [];
    for (const holder of HOLDERS) {
      packages.push(
        await proofPackage({
          segmentId: segment.id,
          scope: BigInt(segment.scope),
          signal: `sec-crash-${holder}`,
          holder,
        }),
      );
    }
  });

  after(async function () {
    for (const service of children) if (service.child.exitCode === null) service.child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("SIGTERM exits with code 0", async function () {
    const service = await start();
    assert.equal((await request(`${service.url}/healthz`)).status, 200);
    assert.deepEqual(await terminate(service), { code: 0, signal: null });
    assert.ok(service.lines.some((line) => line.includes('"event":"stopped"')));
    assert.equal(fs.existsSync(path.join(dataDir, "zkseg-service.lock")), false);
  });

  describe("SIGKILL during joins", function () {
    const answered = new Map<number, number>();
    let restarted: ChildService;

    it("burst is cut by SIGKILL", async function () {
      const service = await start();
      let killed = false;
      await Promise.all(
        packages.map(async (pkg, i) => {
          try {
            const response = await request(`${service.url}/v1/segments/${segment.id}/proofs`, { body: pkg });
            answered.set(i, response.status);
            if (response.status === 201 && !killed) {
              killed = true;
              service.child.kill("SIGKILL");
            }
          } catch {
            // The connection died with the process: this join got no response.
          }
        }),
      );
      assert.deepEqual(await service.exited, { code: null, signal: "SIGKILL" });
      const statuses = [...answered.values()];
      assert.ok(statuses.includes(201));
      assert.ok(
        statuses.every((status) => status === 201),
        `statuses ${statuses.join(",")}`,
      );
      assert.ok(answered.size < packages.length, "every join was answered before the kill");
    });

    it("restart keeps every 201", async function () {
      restarted = await start();
      const audience = await request(`${restarted.url}/v1/segments/${segment.id}/audience?limit=1000`, { apiKey });
      const handles: string[] = audience.body.members.map((member: { handle: string }) => member.handle);
      for (const [i, status] of answered) {
        if (status === 201) assert.ok(handles.includes(packages[i].signal), `${packages[i].signal} was lost`);
      }
      assert.equal(new Set(handles).size, handles.length);
      assert.equal(await memberCount(restarted.url, segment.id, apiKey), handles.length);
    });

    it("resubmission counts each once", async function () {
      for (const [i, pkg] of packages.entries()) {
        const response = await request(`${restarted.url}/v1/segments/${segment.id}/proofs`, { body: pkg });
        if (answered.get(i) === 201) assert.equal(response.status, 409, pkg.signal);
        else assert.ok(response.status === 201 || response.status === 409, `${pkg.signal}: ${response.status}`);
      }
      for (const pkg of packages) {
        const response = await request(`${restarted.url}/v1/segments/${segment.id}/proofs`, { body: pkg });
        assert.equal(response.status, 409, pkg.signal);
      }
      assert.equal(await memberCount(restarted.url, segment.id, apiKey), packages.length);
      assert.deepEqual(await terminate(restarted), { code: 0, signal: null });
    });
  });

  describe("privacy at rest", function () {
    let secrets: string[];

    before(async function () {
      const commitments = await Promise.all(HOLDERS.map((holder) => poseidon([holderSecret(holder)])));
      secrets = [
        ...HOLDERS.map((holder) => holderSecret(holder).toString()),
        ...commitments.map(String),
        ...[ATTRIBUTES.birthDate, ATTRIBUTES.spend12m, ATTRIBUTES.income, ATTRIBUTES.customerSince].map(String),
      ];
    });

    it("logs contain no secret or handle", function () {
      const text = children.flatMap((service) => service.lines).join("\n");
      assert.ok(text.includes(segment.id), "the logs do not name the segment: the search would prove nothing");
      for (const secret of [...secrets, apiKey, "sec-crash-"])
        assert.ok(!text.includes(secret), `logs contain ${secret}`);
    });

    it("database cells contain no secret", async function () {
      const db = await openPglite(dataDir);
      const cells: string[] = [];
      try {
        const tables = await db.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
        );
        assert.deepEqual(
          tables.map((table) => table.table_name),
          ["joins", "marketers", "schema_migrations", "segment_issuers", "segments"],
        );
        for (const { table_name: table } of tables) {
          for (const row of await db.query<Record<string, unknown>>(`SELECT * FROM ${table}`)) {
            cells.push(...Object.values(row).map((value) => String(value)));
          }
        }
      } finally {
        await db.close();
      }
      assert.ok(cells.includes(packages[0].publicSignals[0]), "the nullifier is stored: the search reads the rows");
      for (const secret of [...secrets, apiKey]) {
        assert.ok(!cells.some((cell) => cell.includes(secret)), `a database cell contains ${secret}`);
      }
    });
  });
});
