// The SDK in headless Chromium: the Vite test page proves in the SDK's Web
// Worker, loading artifacts over HTTP from a loopback server, and Node verifies.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { exportIdentity, verifyProofPackage } from "../../prover/src/index.js";
import { ARTIFACTS_DIR } from "../../circuits/setup/paths.js";
import { TEST_PAGE_DIR } from "../../prover/vite.config.js";
import { launchChromium } from "./helpers/browser.js";
import { getFixture, PROOF_DATE, SCOPE, SEGMENT_ID, SEGMENT_TEXT } from "../prover/fixtures.js";
import type { PageProveJob, PageProveResult } from "./sdk-page/main.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".zkey": "application/octet-stream",
};

/** Serves the built test page at / and circuits/artifacts at /artifacts/ on 127.0.0.1, port chosen by the OS. */
async function startStaticServer(): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const [root, relative] = urlPath.startsWith("/artifacts/")
      ? [ARTIFACTS_DIR, urlPath.slice("/artifacts/".length)]
      : [TEST_PAGE_DIR, urlPath === "/" ? "index.html" : urlPath.slice(1)];
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        response.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "text/plain" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("SDK in Chromium", function () {
  this.timeout(300_000);
  let server: Server;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    execFileSync(
      "npx",
      ["vite", "build", "-c", "prover/vite.config.ts", "--mode", "test-page", "--logLevel", "error"],
      {
        stdio: "inherit",
      },
    );
    ({ server, baseUrl } = await startStaticServer());
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${baseUrl}/`);
    await page.locator("#status", { hasText: "ready" }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("proves in a worker", async () => {
    const fixture = await getFixture();
    const job: PageProveJob = {
      identity: exportIdentity(fixture.identity),
      credential: fixture.credential,
      segmentText: SEGMENT_TEXT,
      scope: SCOPE.toString(),
      signal: "crm:browser-customer",
      segmentId: SEGMENT_ID,
      date: PROOF_DATE,
    };
    const result = await page.evaluate(
      (pageJob) =>
        (
          globalThis as unknown as { zksegTest: { prove(job: PageProveJob): Promise<PageProveResult> } }
        ).zksegTest.prove(pageJob),
      job,
    );
    assert.deepEqual(result.stages, ["witness", "proof", "done"]);
    assert.ok(result.ticks > 0, "the main thread ran no timer while the worker proved");
    const verification = await verifyProofPackage(result.pkg, {
      segmentHash: fixture.segment.segmentHash,
      scope: SCOPE,
      date: PROOF_DATE,
      trustedIssuerKeyHashes: [fixture.issuerKeyHash],
      segmentId: SEGMENT_ID,
    });
    assert.equal(verification.ok, true, verification.ok ? "" : verification.message);
    assert.deepEqual(pageErrors, []);
  });
});
