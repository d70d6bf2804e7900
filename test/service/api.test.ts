// The verifier service's HTTP API on embedded PGlite, with real proofs.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { poseidon } from "../../prover/src/hash.js";
import { parseSegment } from "../../prover/src/segment/definition.js";
import { encodeSegment, segmentHash } from "../../prover/src/segment/encoding.js";
import {
  ATTRIBUTES,
  DEFINITION,
  OTHER_DEFINITION,
  holderSecret,
  issuerPublicKey,
  proofPackage,
  utcDate,
  type ProofRequest,
} from "./fixtures.js";
import { request, startTestService, tempDataDir, type JsonResponse, type TestService } from "./helpers.js";

const K = 2;

describe("verifier service API", () => {
  let test: TestService;
  let keyA: string;
  let keyB: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let segment: any;
  const dataDir = tempDataDir();

  const api = (path: string, options: Parameters<typeof request>[1] = {}) => request(`${test.url}${path}`, options);
  const createSegment = (body: object, apiKey = keyA) => api("/v1/segments", { body, apiKey });
  let accepted = 0;
  const submit = async (body: unknown, segmentId: string = segment.id) => {
    const response = await api(`/v1/segments/${segmentId}/proofs`, { body });
    if (response.status === 201) accepted++;
    return response;
  };
  const prove = (request: Partial<ProofRequest> = {}) =>
    proofPackage({ segmentId: segment.id, scope: BigInt(segment.scope), signal: "alice@example.com", ...request });

  function assertError(response: JsonResponse, status: number, code: string, field?: string): void {
    assert.equal(response.status, status, JSON.stringify(response.body));
    assert.equal(response.body.error.code, code);
    assert.equal(typeof response.body.error.message, "string");
    if (field !== undefined) assert.equal(response.body.error.field, field);
  }

  before(async () => {
    test = await startTestService({ dataDir, kAnonymity: K });
    keyA = (await test.service.createApiKey("Acme Retail")).apiKey;
    keyB = (await test.service.createApiKey("Bolt Stores")).apiKey;
    const created = await createSegment({ definition: DEFINITION, trustedIssuers: [await issuerPublicKey(0)] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    segment = created.body;
  });

  after(async () => {
    await test?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe("segments", () => {
    it("create returns hash and scope", async () => {
      const expectedHash = await segmentHash(encodeSegment(parseSegment(DEFINITION)));
      assert.equal(segment.segmentHash, expectedHash.toString());
      assert.match(segment.id, /^seg_[0-9a-f]{24}$/);
      assert.match(segment.scope, /^[1-9][0-9]*$/);
      assert.ok(BigInt(segment.scope) < 2n ** 248n);
      assert.equal(segment.schema, "retail@1");
      assert.equal(segment.definition, DEFINITION);
      assert.equal(segment.validFrom, null);
    });

    it("public view lists issuer key hashes and artifacts", async () => {
      const response = await api(`/v1/segments/${segment.id}`);
      assert.equal(response.status, 200);
      const key = await issuerPublicKey(0);
      const keyHash = await poseidon([BigInt(key[0]), BigInt(key[1])]);
      assert.deepEqual(response.body.trustedIssuers, [{ keyHash: keyHash.toString(), publicKey: key }]);
      const manifest = JSON.parse(fs.readFileSync(ARTIFACTS.manifest, "utf8"));
      assert.equal(response.body.artifacts.zkey, manifest.artifacts.zkey.sha256);
      assert.equal(response.body.artifacts.wasm, manifest.artifacts.wasm.sha256);
      assert.equal(response.body.marketerId, undefined);
      assert.equal(response.body.memberCount, undefined);
    });

    it("create rejects missing and unknown API keys", async () => {
      const missing = await api("/v1/segments", { body: { definition: DEFINITION, trustedIssuers: [] } });
      assertError(missing, 401, "unauthorized");
      assert.equal(missing.headers.get("www-authenticate"), 'Bearer realm="zkseg"');
      assertError(await api("/v1/segments", { apiKey: "zks_unknown" }), 401, "unauthorized");
    });

    it("create rejects invalid input", async () => {
      const key = await issuerPublicKey(0);
      const cases: [object, string, string][] = [
        [{ definition: "age 30 to", trustedIssuers: [key] }, "invalid_segment", "definition"],
        [{ definition: DEFINITION, schema: "bank@9", trustedIssuers: [key] }, "invalid_input", "schema"],
        [{ definition: DEFINITION, trustedIssuers: [["1", "2"]] }, "invalid_issuer_key", "trustedIssuers[0]"],
        [{ definition: DEFINITION, trustedIssuers: [["0", "1"]] }, "invalid_issuer_key", "trustedIssuers[0]"],
        [
          { definition: DEFINITION, trustedIssuers: [["0", (SNARK_SCALAR_FIELD - 1n).toString()]] },
          "invalid_issuer_key",
          "trustedIssuers[0]",
        ],
        [
          { definition: DEFINITION, trustedIssuers: [[SNARK_SCALAR_FIELD.toString(), "1"]] },
          "invalid_input",
          "trustedIssuers[0][0]",
        ],
        [{ definition: DEFINITION, trustedIssuers: [key, key] }, "duplicate_issuer", "trustedIssuers[1]"],
        [{ definition: DEFINITION, trustedIssuers: [] }, "invalid_body", "trustedIssuers"],
        [{ definition: DEFINITION, trustedIssuers: [key], owner: "x" }, "invalid_body", "owner"],
        [{ definition: DEFINITION, trustedIssuers: [[1, 2]] }, "invalid_body", "trustedIssuers[0][0]"],
        [
          { definition: DEFINITION, trustedIssuers: [key], validFrom: 20260301, validUntil: 20260201 },
          "invalid_window",
          "validFrom",
        ],
        [{ definition: DEFINITION, trustedIssuers: [key], validFrom: 20260231 }, "invalid_input", "validFrom"],
      ];
      for (const [body, code, field] of cases) assertError(await createSegment(body), 400, code, field);
    });

    it("list returns only own segments", async () => {
      const own = await createSegment(
        { definition: OTHER_DEFINITION, trustedIssuers: [await issuerPublicKey(0)] },
        keyB,
      );
      assert.equal(own.status, 201);
      const listA = await api("/v1/segments", { apiKey: keyA });
      const listB = await api("/v1/segments", { apiKey: keyB });
      assert.ok(listA.body.segments.some((s: { id: string }) => s.id === segment.id));
      assert.ok(!listA.body.segments.some((s: { id: string }) => s.id === own.body.id));
      assert.deepEqual(
        listB.body.segments.map((s: { id: string }) => s.id),
        [own.body.id],
      );
    });

    it("unknown segment is 404", async () => {
      assertError(await api("/v1/segments/seg_000000000000000000000000"), 404, "segment_not_found", "id");
    });

    it("published list skips ended segments", async () => {
      const key = await issuerPublicKey(0);
      const ended = await createSegment({ definition: DEFINITION, trustedIssuers: [key], validUntil: utcDate(-1) });
      const open = await createSegment({ definition: DEFINITION, trustedIssuers: [key], validUntil: utcDate(0) });
      const response = await api("/v1/public/segments");
      assert.equal(response.status, 200);
      const ids = response.body.segments.map((s: { id: string }) => s.id);
      assert.equal(ids[0], open.body.id);
      assert.ok(ids.includes(segment.id));
      assert.ok(!ids.includes(ended.body.id));
      assert.equal(response.body.segments[0].marketerId, undefined);
    });
  });

  describe("proofs", () => {
    it("valid proof joins with a receipt", async () => {
      const pkg = await prove();
      const response = await submit(pkg);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.match(response.body.receiptId, /^rcpt_[0-9a-f]{24}$/);
      assert.equal(response.body.nullifier, pkg.publicSignals[0]);
    });

    it("repeated nullifier returns the original receipt", async () => {
      const pkg = await prove();
      const [first] = (await api(`/v1/segments/${segment.id}/audience`, { apiKey: keyA })).body.members ?? [];
      const response = await submit(pkg);
      assertError(response, 409, "nullifier_already_joined");
      assert.equal(response.body.nullifier, pkg.publicSignals[0]);
      assert.match(response.body.receiptId, /^rcpt_/);
      const again = await submit(pkg);
      assert.equal(again.body.receiptId, response.body.receiptId);
      assert.equal(first, undefined, "audience stays hidden below k");
    });

    it("rejects each public-signal mismatch with 422", async () => {
      const scope = BigInt(segment.scope);
      const cases: [Partial<ProofRequest>, string][] = [
        [{ definition: OTHER_DEFINITION }, "wrong_segment_hash"],
        [{ issuer: 1 }, "untrusted_issuer"],
        [{ scope: scope + 1n }, "scope_mismatch"],
        [{ date: utcDate(-2) }, "date_outside_window"],
        [{ date: utcDate(2) }, "date_outside_window"],
        [{ provenSignal: "mallory@example.com" }, "signal_hash_mismatch"],
        [{ segmentId: "seg_ffffffffffffffffffffffff" }, "segment_id_mismatch"],
      ];
      for (const [overrides, reason] of cases) {
        const pkg = await prove({ holder: 7, ...overrides });
        assertError(await submit(pkg), 422, reason);
      }
    });

    it("accepts yesterday's date", async () => {
      const response = await submit(await prove({ holder: 1, signal: "bob@example.com", date: utcDate(-1) }));
      assert.equal(response.status, 201, JSON.stringify(response.body));
    });

    it("rejects an invalid proof with 422", async () => {
      const pkg = await prove();
      pkg.proof.pi_a = [...pkg.proof.pi_c];
      assertError(await submit(pkg), 422, "invalid_proof");
    });

    it("rejects joins outside the validity window", async () => {
      const key = await issuerPublicKey(0);
      const windows = [{ validFrom: utcDate(2) }, { validFrom: utcDate(-10), validUntil: utcDate(-2) }];
      for (const window of windows) {
        const created = await createSegment({ definition: DEFINITION, trustedIssuers: [key], ...window });
        assert.equal(created.status, 201);
        const pkg = await prove();
        pkg.segmentId = created.body.id;
        assertError(await submit(pkg, created.body.id), 422, "segment_not_active");
      }
    });

    it("rejects malformed packages with 400", async () => {
      const pkg = await prove();
      const r = SNARK_SCALAR_FIELD;
      const nullifier = BigInt(pkg.publicSignals[0]);
      const cases: [(p: typeof pkg) => unknown, string, string][] = [
        [
          (p) => ({ ...p, publicSignals: [r.toString(), ...p.publicSignals.slice(1)] }),
          "non_canonical_field_element",
          "publicSignals[0]",
        ],
        [
          (p) => ({ ...p, publicSignals: [(r + nullifier).toString(), ...p.publicSignals.slice(1)] }),
          "non_canonical_field_element",
          "publicSignals[0]",
        ],
        [(p) => ({ ...p, scope: (r + BigInt(p.scope)).toString() }), "non_canonical_field_element", "scope"],
        [(p) => ({ ...p, publicSignals: p.publicSignals.slice(1) }), "malformed_package", "publicSignals"],
        [
          (p) => ({ ...p, publicSignals: [Number(1), ...p.publicSignals.slice(1)] }),
          "malformed_package",
          "publicSignals[0]",
        ],
        [
          (p) => ({ ...p, publicSignals: ["007", ...p.publicSignals.slice(1)] }),
          "malformed_package",
          "publicSignals[0]",
        ],
        [(p) => ({ ...p, version: "zkseg-proof/0" }), "malformed_package", "version"],
        [(p) => ({ ...p, extra: 1 }), "malformed_package", "package.extra"],
        [(p) => ({ ...p, proof: { ...p.proof, pi_b: p.proof.pi_b.slice(0, 2) } }), "malformed_package", "proof.pi_b"],
        [() => [1, 2, 3], "malformed_package", "package"],
      ];
      for (const [mutate, code, field] of cases)
        assertError(await submit(mutate(structuredClone(pkg))), 400, code, field);
    });

    it("rejects malformed JSON with 400", async () => {
      const response = await api(`/v1/segments/${segment.id}/proofs`, { rawBody: '{"version": "zkseg-proof/1",' });
      assertError(response, 400, "malformed_json", "body");
    });

    it("rejects deep nesting with 400", async () => {
      const response = await api(`/v1/segments/${segment.id}/proofs`, { rawBody: "[".repeat(500) + "]".repeat(500) });
      assertError(response, 400, "too_deeply_nested");
    });

    it("rejects a 10 MB body with 413", async () => {
      const body = `{"signal":"${"a".repeat(10 * 1024 * 1024)}"}`;
      const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(`${test.url}/v1/segments/${segment.id}/proofs`, {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        });
        req.on("response", (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on("error", reject);
        req.end(body);
      });
      assert.equal(response.status, 413);
      assert.equal(JSON.parse(response.body).error.code, "payload_too_large");
    });

    it("unknown segment is 404", async () => {
      assertError(await submit(await prove(), "seg_000000000000000000000000"), 404, "segment_not_found");
    });

    it("50 concurrent duplicates join once", async () => {
      const pkg = await prove({ holder: 2, signal: "carol@example.com" });
      const responses = await Promise.all(Array.from({ length: 50 }, () => submit(pkg)));
      const created = responses.filter((response) => response.status === 201);
      const duplicates = responses.filter((response) => response.status === 409);
      assert.equal(created.length, 1);
      assert.equal(duplicates.length, 49);
      for (const duplicate of duplicates) assert.equal(duplicate.body.receiptId, created[0].body.receiptId);
    });
  });

  describe("marketer views", () => {
    it("count is exact at or above k", async () => {
      assert.deepEqual((await api(`/v1/segments/${segment.id}/count`, { apiKey: keyA })).body, { count: 3 });
    });

    it("count is withheld below k", async () => {
      const created = await createSegment({ definition: DEFINITION, trustedIssuers: [await issuerPublicKey(0)] });
      const pkg = await prove({ segmentId: created.body.id, scope: BigInt(created.body.scope) });
      assert.equal((await submit(pkg, created.body.id)).status, 201);
      const count = await api(`/v1/segments/${created.body.id}/count`, { apiKey: keyA });
      assert.deepEqual(count.body, { count: null, fewerThan: K });
      const audience = await api(`/v1/segments/${created.body.id}/audience`, { apiKey: keyA });
      assert.deepEqual(audience.body, { members: [], nextCursor: null, fewerThan: K });
    });

    it("audience pages with a cursor", async () => {
      const first = await api(`/v1/segments/${segment.id}/audience?limit=2`, { apiKey: keyA });
      assert.equal(first.status, 200);
      assert.deepEqual(
        first.body.members.map((m: { handle: string }) => m.handle),
        ["alice@example.com", "bob@example.com"],
      );
      assert.equal(typeof first.body.nextCursor, "string");
      const second = await api(`/v1/segments/${segment.id}/audience?limit=2&cursor=${first.body.nextCursor}`, {
        apiKey: keyA,
      });
      assert.deepEqual(
        second.body.members.map((m: { handle: string }) => m.handle),
        ["carol@example.com"],
      );
      assert.equal(second.body.nextCursor, null);
    });

    it("audience rejects bad paging", async () => {
      const path = `/v1/segments/${segment.id}/audience`;
      assertError(await api(`${path}?limit=0`, { apiKey: keyA }), 400, "invalid_limit", "limit");
      assertError(await api(`${path}?limit=1001`, { apiKey: keyA }), 400, "invalid_limit", "limit");
      assertError(await api(`${path}?cursor=abc`, { apiKey: keyA }), 400, "invalid_cursor", "cursor");
    });

    it("joins are counted per UTC day", async () => {
      const response = await api(`/v1/segments/${segment.id}/joins`, { apiKey: keyA });
      assert.deepEqual(response.body, { days: [{ day: new Date().toISOString().slice(0, 10), count: 3 }] });
    });

    it("other marketers get 404", async () => {
      for (const view of ["count", "audience", "joins"]) {
        const response = await api(`/v1/segments/${segment.id}/${view}`, { apiKey: keyB });
        assertError(response, 404, "segment_not_found", "id");
        const unknown = await api(`/v1/segments/seg_000000000000000000000000/${view}`, { apiKey: keyB });
        assert.equal(
          unknown.body.error.message.replace(/seg_\w+/, "ID"),
          response.body.error.message.replace(/seg_\w+/, "ID"),
        );
      }
    });

    it("views require an API key", async () => {
      assertError(await api(`/v1/segments/${segment.id}/count`), 401, "unauthorized");
    });
  });

  describe("operations", () => {
    it("healthz reports ok", async () => {
      const response = await api("/healthz");
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, { status: "ok" });
    });

    it("openapi.json lists every route", async () => {
      const response = await api("/openapi.json");
      assert.equal(response.body.openapi, "3.1.0");
      assert.deepEqual(Object.keys(response.body.paths).sort(), [
        "/healthz",
        "/metrics",
        "/openapi.json",
        "/v1/public/segments",
        "/v1/segments",
        "/v1/segments/{id}",
        "/v1/segments/{id}/audience",
        "/v1/segments/{id}/count",
        "/v1/segments/{id}/joins",
        "/v1/segments/{id}/proofs",
      ]);
    });

    it("unknown route is 404 JSON", async () => {
      assertError(await api("/v2/nothing"), 404, "not_found");
    });

    it("responses carry security headers", async () => {
      const response = await api("/healthz");
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.ok(response.headers.get("content-security-policy"));
      assert.equal(response.headers.get("x-powered-by"), null);
      assert.match(response.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    });

    it("metrics count proofs by reason", async () => {
      const text = (await api("/metrics")).body as string;
      assert.match(text, new RegExp(`^zkseg_proofs_accepted_total ${accepted}$`, "m"));
      assert.equal(accepted, 4);
      assert.match(text, /^zkseg_proofs_rejected_total\{reason="untrusted_issuer"\} 1$/m);
      assert.match(text, /^zkseg_proofs_rejected_total\{reason="date_outside_window"\} 2$/m);
      assert.match(text, /^zkseg_proofs_rejected_total\{reason="invalid_proof"\} 1$/m);
      assert.match(text, /^zkseg_proofs_rejected_total\{reason="nullifier_already_joined"\} 51$/m);
      assert.match(text, /^zkseg_verification_queue_depth 0$/m);
      assert.match(text, /^zkseg_verification_duration_seconds_count \d+$/m);
    });

    it("logs rejections without secrets", async () => {
      const rejections = test.logs.map((line) => JSON.parse(line)).filter((entry) => entry.event === "proof_rejected");
      assert.ok(rejections.some((entry) => entry.reason === "scope_mismatch" && entry.segmentId === segment.id));
      const text = test.logs.join("\n");
      const secrets = [
        ...[ATTRIBUTES.birthDate, ATTRIBUTES.spend12m, ATTRIBUTES.income, ATTRIBUTES.customerSince].map(String),
        ...[0, 1, 2, 7].map((holder) => holderSecret(holder).toString()),
        "alice@example.com",
        "bob@example.com",
        "carol@example.com",
        keyA,
        keyB,
      ];
      for (const secret of secrets) assert.ok(!text.includes(secret), `logs contain ${secret}`);
    });
  });
});
