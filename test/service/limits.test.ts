// Load shedding of the verifier service: a full verification queue returns 503
// with Retry-After, and the per-client rate limit returns 429.
import assert from "node:assert/strict";
import fs from "node:fs";
import { request, segmentWithProof, startTestService, tempDataDir, type TestService } from "./helpers.js";

describe("verifier service limits", () => {
  const dataDir = tempDataDir();
  let test: TestService | undefined;

  afterEach(async () => {
    await test?.stop();
    test = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("full queue returns 503 with Retry-After", async () => {
    test = await startTestService({ dataDir, poolSize: 1, maxQueue: 1 });
    const { pkg, proofsUrl: url } = await segmentWithProof(test, "frank");
    const responses = await Promise.all(Array.from({ length: 20 }, () => request(url, { body: pkg })));
    const busy = responses.filter((response) => response.status === 503);
    assert.ok(busy.length > 0, `statuses: ${responses.map((response) => response.status).join(",")}`);
    for (const response of busy) {
      assert.equal(response.headers.get("retry-after"), "1");
      assert.equal(response.body.error.code, "verifier_busy");
    }
    const others = responses.filter((response) => response.status !== 503).map((response) => response.status);
    assert.equal(others.filter((status) => status === 201).length, 1);
    assert.ok(others.every((status) => status === 201 || status === 409));
  });

  it("rate limit returns 429", async () => {
    test = await startTestService({ dataDir, rateLimit: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await request(`${test.url}/openapi.json`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const limited = await request(`${test.url}/openapi.json`);
    assert.equal(limited.body.error.code, "rate_limited");
    assert.equal(limited.headers.get("retry-after"), "60");
    assert.equal((await request(`${test.url}/healthz`)).status, 200);
    assert.equal((await request(`${test.url}/metrics`)).status, 200);
  });
});
