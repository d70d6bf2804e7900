// Credentials: issuing, strict parsing and signature verification.
import assert from "node:assert/strict";
import {
  BABYJUB_SUBGROUP_ORDER,
  holderCommitment,
  issueCredential,
  parseCredential,
  RETAIL_SCHEMA,
  SNARK_SCALAR_FIELD,
  verifyCredential,
} from "../../prover/src/index.js";
import { ATTRIBUTES, getFixture } from "./fixtures.js";

type Mutable = Record<string, unknown> & {
  attributes: Record<string, unknown>;
  signature: Record<string, unknown> & { R8: unknown[] };
  issuer: Record<string, unknown> & { publicKey: unknown[] };
};

async function documentCopy(): Promise<Mutable> {
  return JSON.parse(JSON.stringify((await getFixture()).credential)) as Mutable;
}

describe("issueCredential", () => {
  it("issues a parseable credential", async () => {
    const { credential, issuerKey, identity } = await getFixture();
    assert.equal(credential.version, "zkseg-credential/1");
    assert.equal(credential.schema, "retail@1");
    assert.deepEqual(credential.attributes, ATTRIBUTES);
    assert.equal(credential.expiresAt, "20271231");
    assert.equal(credential.holderCommitment, (await holderCommitment(identity)).toString());
    assert.deepEqual(credential.issuer.publicKey, issuerKey.publicKey.map(String));
    const parsed = await parseCredential(JSON.stringify(credential));
    assert.equal(parsed.schema, RETAIL_SCHEMA);
    assert.deepEqual(parsed.attributes, Object.values(ATTRIBUTES).map(BigInt));
    assert.equal(parsed.expiresAt, 20271231);
    assert.equal(await verifyCredential(parsed), true);
  });

  it("accepts numbers and bigints", async () => {
    const { issuerKey, identity } = await getFixture();
    const document = await issueCredential(
      issuerKey,
      await holderCommitment(identity),
      { ...ATTRIBUTES, spend12m: 7654321, income: 4812345600n },
      { expiresAt: 20271231 },
    );
    assert.equal(document.attributes.spend12m, "7654321");
    assert.equal(document.attributes.income, "4812345600");
  });

  const issueCases: [string, Record<string, unknown>, number, string][] = [
    ["unknown attribute", { ...ATTRIBUTES, shoeSize: "42" }, 20271231, "attributes.shoeSize"],
    ["missing attribute", { ...ATTRIBUTES, spare7: undefined }, 20271231, "attributes.spare7"],
    ["invalid date", { ...ATTRIBUTES, birthDate: "19900230" }, 20271231, "attributes.birthDate"],
    ["fractional money", { ...ATTRIBUTES, spend12m: 12.5 }, 20271231, "attributes.spend12m"],
    ["negative number", { ...ATTRIBUTES, income: -1 }, 20271231, "attributes.income"],
    ["oversized code", { ...ATTRIBUTES, region: "4294967296" }, 20271231, "attributes.region"],
    ["invalid expiry", ATTRIBUTES, 20271301, "expiresAt"],
  ];
  for (const [name, attributes, expiresAt, field] of issueCases) {
    it(`rejects ${name}`, async () => {
      const { issuerKey, identity } = await getFixture();
      const values = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
      await assert.rejects(
        issueCredential(issuerKey, await holderCommitment(identity), values as Record<string, string>, { expiresAt }),
        { code: "invalid_input", field },
      );
    });
  }

  it("rejects unknown schema", async () => {
    const { issuerKey } = await getFixture();
    await assert.rejects(issueCredential(issuerKey, 1n, ATTRIBUTES, { schema: "retail@9", expiresAt: 20271231 }), {
      field: "schema",
    });
  });
});

describe("parseCredential", () => {
  const q = SNARK_SCALAR_FIELD;
  const cases: [string, string, (document: Mutable) => void][] = [
    ["unknown version", "version", (d) => (d.version = "zkseg-credential/2")],
    ["extra field", "extra", (d) => (d.extra = "1")],
    ["missing field", "expiresAt", (d) => delete d.expiresAt],
    ["missing attribute", "attributes.region", (d) => delete d.attributes.region],
    ["extra attribute", "attributes.shoeSize", (d) => (d.attributes.shoeSize = "42")],
    ["JSON number attribute", "attributes.spend12m", (d) => (d.attributes.spend12m = 7654321)],
    ["negative attribute", "attributes.income", (d) => (d.attributes.income = "-1")],
    ["oversized attribute", "attributes.spare6", (d) => (d.attributes.spare6 = (2n ** 64n).toString())],
    ["leading zero", "attributes.region", (d) => (d.attributes.region = "09")],
    ["invalid birth date", "attributes.birthDate", (d) => (d.attributes.birthDate = "19900230")],
    ["invalid expiry", "expiresAt", (d) => (d.expiresAt = "20271232")],
    ["unknown schema", "schema", (d) => (d.schema = "retail@2")],
    [
      "commitment plus r",
      "holderCommitment",
      (d) => (d.holderCommitment = (BigInt(d.holderCommitment as string) + q).toString()),
    ],
    [
      "key coordinate plus r",
      "issuer.publicKey[0]",
      (d) => (d.issuer.publicKey[0] = (BigInt(d.issuer.publicKey[0] as string) + q).toString()),
    ],
    ["key off curve", "issuer.publicKey", (d) => (d.issuer.publicKey = ["1", "2"])],
    ["extra issuer field", "issuer.name", (d) => (d.issuer.name = "shop")],
    ["R8 plus r", "signature.R8[1]", (d) => (d.signature.R8[1] = (BigInt(d.signature.R8[1] as string) + q).toString())],
    [
      "S plus l",
      "signature.S",
      (d) => (d.signature.S = (BigInt(d.signature.S as string) + BABYJUB_SUBGROUP_ORDER).toString()),
    ],
    ["S equal to l", "signature.S", (d) => (d.signature.S = BABYJUB_SUBGROUP_ORDER.toString())],
    ["changed attribute", "signature", (d) => (d.attributes.spend12m = "7654322")],
    ["changed expiry", "signature", (d) => (d.expiresAt = "20281231")],
    ["other holder", "signature", (d) => (d.holderCommitment = "1")],
  ];
  for (const [name, field, mutate] of cases) {
    it(`rejects ${name}`, async () => {
      const document = await documentCopy();
      mutate(document);
      await assert.rejects(parseCredential(document), (error: { code: string; field: string; message: string }) => {
        assert.equal(error.code, "invalid_credential");
        assert.equal(error.field, field);
        assert.ok(error.message.startsWith("invalid credential: "), error.message);
        return true;
      });
    });
  }

  it("rejects invalid JSON", async () => {
    await assert.rejects(parseCredential("{"), { code: "invalid_credential", field: "document" });
  });
});
