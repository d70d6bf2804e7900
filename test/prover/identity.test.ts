// Identities and issuer keys: generation, export, strict import and redaction.
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { buildBabyjub } from "circomlibjs";
import {
  createIdentity,
  exportIdentity,
  exportIssuerKey,
  generateIssuerKey,
  holderCommitment,
  importIdentity,
  importIssuerKey,
  issuerKeyHash,
  poseidon,
  SNARK_SCALAR_FIELD,
  ZksegError,
} from "../../prover/src/index.js";
import { identitySecret } from "../../prover/src/identity.js";
import { encodeSecret } from "../../prover/src/secret.js";

describe("identity", () => {
  it("round-trips through export", async () => {
    const identity = createIdentity();
    const text = exportIdentity(identity);
    assert.match(text, /^zkseg-id1:[0-9a-f]{72}$/);
    const imported = importIdentity(text);
    assert.equal(identitySecret(imported), identitySecret(identity));
    assert.equal(await holderCommitment(imported), await holderCommitment(identity));
    assert.equal(await holderCommitment(identity), await poseidon([identitySecret(identity)]));
  });

  it("draws distinct secrets below r", () => {
    const secrets = new Set(Array.from({ length: 20 }, () => identitySecret(createIdentity())));
    assert.equal(secrets.size, 20);
    for (const secret of secrets) {
      assert.ok(secret > 0n);
      assert.ok(secret < SNARK_SCALAR_FIELD);
    }
  });

  it("hides the secret when printed", () => {
    const identity = createIdentity();
    const secret = identitySecret(identity);
    const hex = secret.toString(16);
    for (const text of [String(identity), JSON.stringify({ identity }), inspect(identity), `${identity}`]) {
      assert.ok(!text.includes(secret.toString()), text);
      assert.ok(!text.includes(hex), text);
    }
    assert.deepEqual(Object.keys(identity), []);
  });

  it("rejects bad strings", () => {
    const valid = exportIdentity(createIdentity());
    const lastDigit = valid.at(-1) === "0" ? "1" : "0";
    const rSecret = SNARK_SCALAR_FIELD.toString(16).padStart(64, "0");
    const cases: [string, unknown][] = [
      ["wrong prefix", valid.replace("zkseg-id1:", "zkseg-id2:")],
      ["uppercase hex", valid.slice(0, 10) + valid.slice(10).toUpperCase()],
      ["truncated", valid.slice(0, -1)],
      ["extra digit", `${valid}0`],
      ["bad checksum", valid.slice(0, -1) + lastDigit],
      ["flipped secret digit", valid.slice(0, 10) + (valid[10] === "a" ? "b" : "a") + valid.slice(11)],
      ["whitespace", ` ${valid}`],
      ["not a string", 42],
      ["secret equal to r", exportLike(rSecret)],
      ["zero secret", exportLike("0".repeat(64))],
    ];
    for (const [name, text] of cases) {
      assert.throws(() => importIdentity(text as string), { name: "ZksegError", field: "identity" }, name);
    }
  });

  it("keeps secrets out of import errors", () => {
    const valid = exportIdentity(createIdentity());
    try {
      importIdentity(valid.slice(0, -1) + (valid.at(-1) === "0" ? "1" : "0"));
      assert.fail("importIdentity accepted a bad checksum");
    } catch (error) {
      assert.ok(error instanceof ZksegError);
      assert.ok(!error.message.includes(valid.slice(10, 74)));
    }
  });
});

/** Builds an identity string with a valid checksum around any 64-hex payload. */
function exportLike(payloadHex: string): string {
  return encodeSecret("zkseg-id1:", payloadHex);
}

describe("issuer key", () => {
  it("round-trips through export", async () => {
    const key = await generateIssuerKey();
    const text = exportIssuerKey(key);
    assert.match(text, /^zkseg-issuer1:[0-9a-f]{72}$/);
    const imported = await importIssuerKey(text);
    assert.deepEqual(imported.publicKey, key.publicKey);
    assert.ok(!inspect(key).includes(text.slice(14, 78)));
    assert.ok(!JSON.stringify(key).includes(text.slice(14, 78)));
  });

  it("rejects a bad checksum", async () => {
    const text = exportIssuerKey(await generateIssuerKey());
    const tampered = text.slice(0, -1) + (text.at(-1) === "0" ? "1" : "0");
    await assert.rejects(importIssuerKey(tampered), { code: "invalid_input", field: "issuerKey" });
  });

  it("hashes a valid key", async () => {
    const key = await generateIssuerKey();
    assert.equal(await issuerKeyHash(key.publicKey), await poseidon([...key.publicKey]));
    assert.equal(await issuerKeyHash(key.publicKey.map(String)), await poseidon([...key.publicKey]));
  });

  it("rejects invalid points", async () => {
    const babyJub = await buildBabyjub();
    const F = babyJub.F;
    const base8 = [F.toObject(babyJub.Base8[0]), F.toObject(babyJub.Base8[1])];
    const orderTwo: [Uint8Array, Uint8Array] = [F.e(0n), F.e(babyJub.p - 1n)];
    const mixed = babyJub.addPoint(babyJub.Base8, orderTwo);
    const cases: [string, (bigint | string)[], RegExp][] = [
      ["off curve", [1n, 2n], /not on BabyJubJub/],
      ["identity", [0n, 1n], /identity/],
      ["order two", [0n, babyJub.p - 1n], /outside the prime-order subgroup/],
      ["mixed order", [F.toObject(mixed[0]), F.toObject(mixed[1])], /outside the prime-order subgroup/],
      ["coordinate plus r", [base8[0] + SNARK_SCALAR_FIELD, base8[1]], /exceeds the maximum/],
      ["one coordinate", [base8[0]], /expected \[Ax, Ay\]/],
      ["hex coordinate", ["0x1", "2"], /not a canonical decimal/],
    ];
    for (const [name, point, message] of cases) {
      await assert.rejects(issuerKeyHash(point), { code: "invalid_input", message }, name);
    }
    assert.equal(await issuerKeyHash(base8), await poseidon(base8));
  });
});
