// Proving time in headless Chromium with snarkjs' browser build, zkseg and Semaphore interleaved.
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { ARTIFACTS, SNARKJS_DIR } from "../../circuits/setup/paths.js";
import { launchChromium } from "../../test/browser/helpers/browser.js";
import type { Recorder } from "../context.js";
import { issueBenchHolders, todayDateNumber, zksegCircuitInput } from "../fixtures/zkseg.js";
import { hashToField } from "../../prover/src/hash.js";
import { semaphoreInput } from "../semaphore/input.js";
import { recordProvingComparison } from "./compare.js";

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>zkseg proving benchmark</title>
<script src="/snarkjs.min.js"></script><script src="/page.mjs"></script></head><body></body></html>`;

/** Serves the page, snarkjs and the four proving files on 127.0.0.1 at a free port. */
async function startFileServer(files: Record<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const url = request.url ?? "/";
    if (url === "/") {
      response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
      return;
    }
    const file = files[url];
    if (!file) {
      response.writeHead(404).end(`not found: ${url}`);
      return;
    }
    readFile(file).then(
      (body) => {
        const type = /\.m?js$/.test(url)
          ? "text/javascript"
          : url.endsWith(".wasm")
            ? "application/wasm"
            : "application/octet-stream";
        response.writeHead(200, { "content-type": type }).end(body);
      },
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

type JsonInput = Record<string, unknown>;

/** Converts bigints (and nested arrays of them) to decimal strings for page.evaluate. */
function toJsonInput(input: Record<string, unknown>): JsonInput {
  return JSON.parse(JSON.stringify(input, (_key, value) => (typeof value === "bigint" ? value.toString() : value)));
}

interface BrowserTimings {
  zkseg: number[];
  semaphore: number[];
  hardwareConcurrency: number;
  chromiumVersion: string;
}

/** Serves the files, opens the page in headless Chromium and runs `pairs` interleaved proof pairs there. */
async function proveInChromium(
  files: Record<string, string>,
  inputs: { pairs: number; zksegInput: JsonInput; semaphoreInput: JsonInput },
): Promise<BrowserTimings> {
  const { server, origin } = await startFileServer(files);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(origin);
    // The page script is plain JavaScript served as-is: functions passed through page.evaluate would
    // carry tsx's compiled helpers, which do not exist in the page.
    const timings = (await page.evaluate(
      (options) => (globalThis as unknown as { runBenchmark(o: unknown): Promise<unknown> }).runBenchmark(options),
      inputs,
    )) as Omit<BrowserTimings, "chromiumVersion">;
    return { ...timings, chromiumVersion: browser.version() };
  } finally {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function measureBrowserProving(recorder: Recorder): Promise<void> {
  const { quick, log } = recorder.options;
  const section = recorder.section("Proving in headless Chromium");
  const semaphore = recorder.shared.semaphore;
  if (!semaphore) throw new Error("the Semaphore anchor was not built; the circuit size section failed first");
  const pairs = quick ? 1 : 10;
  const { holders } = await issueBenchHolders(1);
  const context = { scope: 12345n, signalHash: hashToField("benchmark-handle"), date: BigInt(todayDateNumber()) };
  log(`  ${pairs} pairs in headless Chromium`);
  const timings = await proveInChromium(
    {
      "/snarkjs.min.js": path.join(SNARKJS_DIR, "build/snarkjs.min.js"),
      "/page.mjs": fileURLToPath(new URL("./browser-page.mjs", import.meta.url)),
      "/zkseg.wasm": ARTIFACTS.wasm,
      "/zkseg.zkey": ARTIFACTS.zkey,
      "/semaphore.wasm": semaphore.wasmPath,
      "/semaphore.zkey": semaphore.zkeyPath,
    },
    {
      pairs,
      zksegInput: toJsonInput(await zksegCircuitInput(holders[0], context)),
      semaphoreInput: toJsonInput(await semaphoreInput()),
    },
  );

  recordProvingComparison(recorder, section, "Browser", timings.zkseg, timings.semaphore);
  section.notes.push(
    `Debian Chromium ${timings.chromiumVersion} headless (navigator.hardwareConcurrency ${timings.hardwareConcurrency}), ` +
      "snarkjs' browser build (build/snarkjs.min.js) loaded from a loopback server; wasm and zkey are fetched once " +
      "and passed from memory, so the times exclude downloads. One untimed warm-up proof per circuit, then pairs alternate.",
  );
}
