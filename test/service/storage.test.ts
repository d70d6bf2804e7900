// The service's storage: PGlite restarts keep data, and two instances share
// one PostgreSQL database with one join per nullifier.
import assert from "node:assert/strict";
import fs from "node:fs";
import pg from "pg";
import { createService } from "../../verifier-service/service.js";
import { DEFINITION, issuerPublicKey, proofPackage } from "./fixtures.js";
import { request, startTestService, tempDataDir, type TestService } from "./helpers.js";
import { startPostgres, type TestDatabase } from "./postgres.js";

async function createSegment(test: TestService, apiKey: string) {
  const response = await request(`${test.url}/v1/segments`, {
    apiKey,
    body: { definition: DEFINITION, trustedIssuers: [await issuerPublicKey(0)] },
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body as { id: string; scope: string };
}

const prove = (segment: { id: string; scope: string }, signal: string) =>
  proofPackage({ segmentId: segment.id, scope: BigInt(segment.scope), signal, holder: 4 });

describe("verifier service storage", () => {
  describe("PGlite data directory", () => {
    const dataDir = tempDataDir();
    after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it("restart keeps segments, keys and joins", async () => {
      const first = await startTestService({ dataDir, kAnonymity: 1 });
      let apiKey: string;
      let segment: { id: string; scope: string };
      let receiptId: string;
      try {
        apiKey = (await first.service.createApiKey("Acme Retail")).apiKey;
        segment = await createSegment(first, apiKey);
        const joined = await request(`${first.url}/v1/segments/${segment.id}/proofs`, {
          body: await prove(segment, "dave@example.com"),
        });
        assert.equal(joined.status, 201);
        receiptId = joined.body.receiptId;
      } finally {
        await first.stop();
      }
      const second = await startTestService({ dataDir, kAnonymity: 1 });
      try {
        const count = await request(`${second.url}/v1/segments/${segment.id}/count`, { apiKey });
        assert.deepEqual(count.body, { count: 1 });
        const again = await request(`${second.url}/v1/segments/${segment.id}/proofs`, {
          body: await prove(segment, "dave@example.com"),
        });
        assert.equal(again.status, 409);
        assert.equal(again.body.receiptId, receiptId);
      } finally {
        await second.stop();
      }
    });

    it("second open of a data directory fails", async () => {
      const first = await startTestService({ dataDir });
      try {
        await assert.rejects(createService({ dataDir }), /data directory .* is already open in this process/);
      } finally {
        await first.stop();
      }
    });
  });

  describe("two instances on PostgreSQL", () => {
    let database: TestDatabase;
    let instances: TestService[] = [];

    before(async () => {
      database = await startPostgres();
      // Both migrate at once; the advisory lock makes one wait for the other.
      instances = await Promise.all([
        startTestService({ databaseUrl: database.url, kAnonymity: 1 }),
        startTestService({ databaseUrl: database.url, kAnonymity: 1 }),
      ]);
    });

    after(async () => {
      await Promise.all(instances.map((instance) => instance.stop()));
      await database?.stop();
    });

    it("migrations apply once", async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query("SELECT version FROM schema_migrations ORDER BY version");
        assert.deepEqual(
          rows.map((row) => row.version),
          [1],
        );
      } finally {
        await client.end();
      }
    });

    it("50 concurrent duplicates join once", async () => {
      const [a, b] = instances;
      const { apiKey } = await a.service.createApiKey("Acme Retail");
      const segment = await createSegment(a, apiKey);
      const pkg = await prove(segment, "erin@example.com");
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          request(`${(i % 2 === 0 ? a : b).url}/v1/segments/${segment.id}/proofs`, { body: pkg }),
        ),
      );
      const created = responses.filter((response) => response.status === 201);
      const duplicates = responses.filter((response) => response.status === 409);
      assert.equal(created.length, 1);
      assert.equal(duplicates.length, 49);
      for (const duplicate of duplicates) assert.equal(duplicate.body.receiptId, created[0].body.receiptId);
      const count = await request(`${b.url}/v1/segments/${segment.id}/count`, { apiKey });
      assert.deepEqual(count.body, { count: 1 });
    });

    it("tenants stay isolated across instances", async () => {
      const [a, b] = instances;
      const owner = (await a.service.createApiKey("Acme Retail")).apiKey;
      const other = (await b.service.createApiKey("Bolt Stores")).apiKey;
      const segment = await createSegment(a, owner);
      const response = await request(`${b.url}/v1/segments/${segment.id}/audience`, { apiKey: other });
      assert.equal(response.status, 404);
      assert.equal(response.body.error.code, "segment_not_found");
      const list = await request(`${b.url}/v1/segments`, { apiKey: other });
      assert.deepEqual(list.body, { segments: [] });
    });
  });
});
