// Attacks on the client SDK: hostile attribute encodings, small-order
// signature points, swapped artifacts, and what the SDK sends over HTTP.
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ARTIFACTS_DIR } from "../../circuits/setup/paths.js";
import {
  ARTIFACT_FILES,
  holderCommitment,
  issueCredential,
  loadArtifact,
  parseCredential,
  prove,
  SNARK_SCALAR_FIELD,
  verifyProofPackage,
  type ArtifactKind,
  type ProofStage,
} from "../../prover/src/index.js";
import { calculateWitness } from "../../prover/src/prove.js";
import { exportIdentity, identitySecret } from "../../prover/src/identity.js";
import { buildFixture } from "../helpers/circuit.js";
import { ATTRIBUTES, getFixture, getProofFixture, PROOF_DATE, SCOPE, SEGMENT_ID, SIGNAL } from "../prover/fixtures.js";

const r = SNARK_SCALAR_FIELD;

describe("security: SDK", function () {
  describe("attribute encoding", function () {
    const cases: [string, string, unknown, RegExp][] = [
      ["number above 2^53", "spend12m", 2 ** 53 + 2, /not a whole number within 2\^53/],
      ["fractional cents", "spend12m", 1999.99, /money is an integer number of cents/],
      ["negative number", "income", -5, /not a whole number|outside 0\.\.2\^64-1/],
      ["negative string", "income", "-5", /not a canonical decimal integer/],
      ["hex string", "region", "0x10", /not a canonical decimal integer/],
      ["exponent string", "spend12m", "1e6", /not a canonical decimal integer/],
      ["padded string", "spend12m", " 42", /not a canonical decimal integer/],
      ["empty string", "loyaltyTier", "", /not a canonical decimal integer/],
      ["NaN", "spend12m", Number.NaN, /not a whole number/],
      ["null", "spend12m", null, /got null/],
      ["2^64", "spare6", (2n ** 64n).toString(), /outside 0\.\.2\^64-1/],
      ["29 February 2023", "birthDate", 20230229, /not a calendar date/],
      ["month 13", "customerSince", "20231301", /not a calendar date/],
    ];
    for (const [name, slot, value, message] of cases) {
      it(`issue rejects ${name}`, async function () {
        const { issuerKey, identity } = await getFixture();
        const attributes = { ...ATTRIBUTES, [slot]: value } as Record<string, string>;
        await assert.rejects(
          issueCredential(issuerKey, await holderCommitment(identity), attributes, { expiresAt: 20271231 }),
          (error: { code: string; field: string; message: string }) => {
            assert.equal(error.code, "invalid_input");
            assert.equal(error.field, `attributes.${slot}`);
            assert.ok(error.message.startsWith(`invalid attributes.${slot}: `), error.message);
            assert.match(error.message, message);
            return true;
          },
        );
      });
    }

    it("prove rejects them before proving", async function () {
      const { identity, credential, segment } = await getFixture();
      const values: [string, unknown][] = [
        ["spend12m", 7654321],
        ["spend12m", "7654321.5"],
        ["income", "-1"],
        ["region", "0x9"],
        ["loyaltyTier", ""],
        ["birthDate", "20230229"],
        ["customerSince", "20231301"],
      ];
      for (const [slot, value] of values) {
        const stages: ProofStage[] = [];
        const tampered = structuredClone(credential) as unknown as { attributes: Record<string, unknown> };
        tampered.attributes[slot] = value;
        const options = { scope: SCOPE, signal: SIGNAL, date: PROOF_DATE, segmentId: SEGMENT_ID };
        await assert.rejects(
          prove(identity, JSON.stringify(tampered), segment, { ...options, onProgress: (stage) => stages.push(stage) }),
          { code: "invalid_credential", field: `attributes.${slot}` },
          `${slot} = ${String(value)}`,
        );
        assert.deepEqual(stages, []);
      }
    });

    it("prove rejects forbidden handles", async function () {
      const { identity, credential, segment } = await getFixture();
      for (const signal of ["a\ud800", "a\u0000b", "line\nbreak", "x".repeat(257)]) {
        const options = { scope: SCOPE, signal, date: PROOF_DATE, segmentId: SEGMENT_ID };
        await assert.rejects(prove(identity, credential, segment, options), { code: "invalid_input", field: "signal" });
      }
    });
  });

  describe("small-order signature points", function () {
    type Mutable = { signature: { R8: string[] }; issuer: { publicKey: string[] } };
    const points: [string, [string, string]][] = [
      ["identity (0, 1)", ["0", "1"]],
      ["order two (0, r - 1)", ["0", (r - 1n).toString()]],
    ];
    for (const [name, point] of points) {
      it(`parser rejects R8 ${name}`, async function () {
        const document = structuredClone((await getFixture()).credential) as unknown as Mutable;
        document.signature.R8 = point;
        await assert.rejects(parseCredential(document), { code: "invalid_credential", field: "signature" });
      });

      it(`parser rejects key ${name}`, async function () {
        const document = structuredClone((await getFixture()).credential) as unknown as Mutable;
        document.issuer.publicKey = point;
        await assert.rejects(parseCredential(document), { code: "invalid_credential", field: "issuer.publicKey" });
      });

      it(`circuit rejects R8 ${name}`, async function () {
        // With an honest key, 8hA is not the identity, so no S satisfies S * B8 = R8 + 8hA for a small-order R8.
        const { input } = await buildFixture();
        Object.assign(input, { R8x: BigInt(point[0]), R8y: BigInt(point[1]) });
        await assert.rejects(calculateWitness(input, {}), {
          code: "invalid_proof",
          message: /^witness computation failed: .*(Assert Failed|ForceEqualIfEnabled)/,
        });
      });
    }
  });

  describe("artifacts", function () {
    let directory: string;
    const kinds: ArtifactKind[] = ["zkey", "verificationKey"];

    before(async function () {
      directory = await mkdtemp(path.join(tmpdir(), "zkseg-security-artifacts-"));
      await cp(ARTIFACTS_DIR, directory, { recursive: true });
      const zkeyPath = path.join(directory, ARTIFACT_FILES.zkey.file);
      const zkey = await readFile(zkeyPath);
      zkey[zkey.length - 1] ^= 1;
      await writeFile(zkeyPath, zkey);
      // An attacker's key can differ in one delta coordinate and still parse as JSON.
      const keyPath = path.join(directory, ARTIFACT_FILES.verificationKey.file);
      const key = JSON.parse(await readFile(keyPath, "utf8"));
      key.vk_delta_2[0][0] = "1";
      await writeFile(keyPath, JSON.stringify(key));
    });

    after(async function () {
      await rm(directory, { recursive: true, force: true });
    });

    for (const kind of kinds) {
      it(`${kind} mismatch rejected at load`, async function () {
        const { file, sha256 } = ARTIFACT_FILES[kind];
        await assert.rejects(loadArtifact(kind, { directory }), (error: { code: string; message: string }) => {
          assert.equal(error.code, "artifact_mismatch");
          assert.ok(error.message.startsWith(`artifact ${file} has sha256 `), error.message);
          assert.ok(error.message.includes(sha256));
          return true;
        });
      });
    }

    it("verify with a swapped key throws", async function () {
      const { pkg } = await getProofFixture();
      const { segment, issuerKeyHash } = await getFixture();
      const expected = {
        segmentHash: segment.segmentHash,
        scope: SCOPE,
        date: PROOF_DATE,
        trustedIssuerKeyHashes: [issuerKeyHash],
        segmentId: SEGMENT_ID,
      };
      await assert.rejects(verifyProofPackage(structuredClone(pkg), expected, { artifacts: { directory } }), {
        code: "artifact_mismatch",
      });
    });
  });

  describe("network privacy", function () {
    it("prove fetches only artifacts", async function () {
      const { identity, credential, segment } = await getFixture();
      const requests: string[] = [];
      const server = http.createServer(async (req, res) => {
        let body = "";
        for await (const chunk of req) body += chunk;
        requests.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
        const file = path.basename(req.url ?? "");
        try {
          res.end(await readFile(path.join(ARTIFACTS_DIR, file)));
        } catch {
          res.statusCode = 404;
          res.end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/artifacts/`;
      try {
        const options = { scope: SCOPE, signal: SIGNAL, date: PROOF_DATE, segmentId: SEGMENT_ID };
        const pkg = await prove(identity, credential, segment, { ...options, artifacts: { baseUrl } });
        assert.equal(pkg.publicSignals.length, 6);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      assert.deepEqual(requests.map((line) => line.split(" ").slice(0, 2).join(" ")).sort(), [
        `GET /artifacts/${ARTIFACT_FILES.wasm.file}`,
        `GET /artifacts/${ARTIFACT_FILES.zkey.file}`,
      ]);
      const text = requests.join("\n");
      const secrets = [
        identitySecret(identity).toString(),
        exportIdentity(identity),
        credential.holderCommitment,
        credential.signature.S,
        ...Object.values(ATTRIBUTES).filter((value) => value.length >= 6),
        SIGNAL,
      ];
      for (const secret of secrets) assert.ok(!text.includes(secret), `a request contains ${secret}`);
    });
  });
});
