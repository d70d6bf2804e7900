// The verifier service's command line and shutdown: create-api-key prints a key
// once, serve stops cleanly on SIGTERM, stop() finishes in-flight proofs.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../circuits/setup/paths.js";
import { segmentWithProof, startTestService, tempDataDir } from "./helpers.js";

const MAIN = path.join(REPO_ROOT, "verifier-service/main.ts");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs main.ts; `onLine` receives each stdout line and may return a signal to send. */
function runMain(args: string[], onLine: (line: string) => NodeJS.Signals | undefined = () => undefined) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      const lines = chunk.toString().split("\n");
      stdout += chunk;
      for (const line of lines) {
        const signal = onLine(line);
        if (signal) child.kill(signal);
      }
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Posts JSON on a new connection; `sent` settles once the whole request is written. */
function post(url: string, body: string): { sent: Promise<void>; status: Promise<number> } {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const status = new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent: false, headers: { "content-type": "application/json" } });
    req.on("finish", markSent);
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
  return { sent, status };
}

describe("verifier service lifecycle", () => {
  const dataDir = tempDataDir();
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("create-api-key prints the key once", async () => {
    const run = await runMain(["create-api-key", "Acme Retail", "--data-dir", dataDir]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^API key for Acme Retail \(mkt_[0-9a-f]{16}\); it is shown only this once:\nzks_[\w-]{43}\n$/,
    );
  });

  it("serve stops on SIGTERM", async () => {
    const run = await runMain(["serve", "--port", "0", "--data-dir", dataDir], (line) =>
      line.includes('"event":"started"') ? "SIGTERM" : undefined,
    );
    assert.equal(run.code, 0, run.stderr);
    const events = run.stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line).event);
    assert.deepEqual(events, ["migrated", "started", "signal", "stopping", "stopped"]);
  });

  it("serve rejects invalid config", async () => {
    const run = await runMain(["serve", "--port", "http"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^invalid configuration --port="http": expected an integer from 0 to 65535\n/);
  });

  it("stop finishes in-flight proofs", async () => {
    const test = await startTestService({ dataDir, poolSize: 1 });
    const { pkg, proofsUrl: url } = await segmentWithProof(test, "gina");
    const pending = Array.from({ length: 10 }, () => post(url, JSON.stringify(pkg)));
    await Promise.all(pending.map((p) => p.sent));
    // A request whose bytes the server has not parsed yet is not in flight: stop() may reset its
    // connection, and the client may retry it. Wait until all ten reached a handler or got a response.
    let answered = 0;
    for (const p of pending) void p.status.then(() => answered++);
    const deadline = Date.now() + 30_000;
    while (test.service.inFlightRequests() + answered < 10) {
      assert.ok(Date.now() < deadline, "the ten requests did not reach the service within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const stopped = test.stop();
    const statuses = (await Promise.all(pending.map((p) => p.status))).sort();
    await stopped;
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    assert.ok(!test.logs.some((line) => line.includes('"event":"unexpected_error"')));
  });
});
