// Nullifiers and a full Groth16 round trip with the committed artifacts.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import * as snarkjs from "snarkjs";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { poseidon } from "../../prover/src/hash.js";
import { issuerKeyHash } from "../../prover/src/issuer.js";
import { segmentHash } from "../../prover/src/segment/encoding.js";
import { PUBLIC_SIGNAL_INDEX } from "../../prover/src/witness.js";
import {
  buildFixture,
  type CircuitHarness,
  FIXTURE_DATE,
  FIXTURE_HOLDER_SECRET,
  FIXTURE_SCOPE,
  FIXTURE_SIGNAL_HASH,
  loadCircuitHarness,
} from "../helpers/circuit.js";

// Wire 0 of a witness is the constant 1, so public signal i is wire i + 1.
const NULLIFIER_WIRE = 1 + PUBLIC_SIGNAL_INDEX.nullifier;

describe("circuit proof", function () {
  let circuit: CircuitHarness;

  before(async function () {
    circuit = await loadCircuitHarness();
  });

  describe("nullifier", function () {
    it("equals Poseidon(secret, scope)", async function () {
      const witness = await circuit.calculateWitness((await buildFixture()).input);
      assert.equal(witness[NULLIFIER_WIRE], await poseidon([FIXTURE_HOLDER_SECRET, FIXTURE_SCOPE]));
    });

    it("same per scope across segments", async function () {
      // Another segment and handle, same holder and scope: a second membership
      // proof in that scope must be linkable, so the nullifier must not change.
      const first = await circuit.calculateWitness((await buildFixture()).input);
      const { input } = await buildFixture({ segment: "region in {9}", signalHash: 99n, date: FIXTURE_DATE + 1 });
      const second = await circuit.calculateWitness(input);
      assert.equal(second[NULLIFIER_WIRE], first[NULLIFIER_WIRE]);
    });

    it("differs across scopes", async function () {
      const first = await circuit.calculateWitness((await buildFixture()).input);
      const second = await circuit.calculateWitness((await buildFixture({ scope: FIXTURE_SCOPE + 1n })).input);
      assert.notEqual(second[NULLIFIER_WIRE], first[NULLIFIER_WIRE]);
      assert.equal(second[NULLIFIER_WIRE], await poseidon([FIXTURE_HOLDER_SECRET, FIXTURE_SCOPE + 1n]));
    });

    it("differs across holders", async function () {
      const first = await circuit.calculateWitness((await buildFixture()).input);
      const other = await circuit.calculateWitness((await buildFixture({ holderSecret: 5n })).input);
      assert.notEqual(other[NULLIFIER_WIRE], first[NULLIFIER_WIRE]);
    });
  });

  describe("groth16 round trip", function () {
    let proof: snarkjs.Groth16Proof;
    let publicSignals: string[];
    let verificationKey: object;

    before(async function () {
      const { input } = await buildFixture();
      ({ proof, publicSignals } = await snarkjs.groth16.fullProve(input, ARTIFACTS.wasm, ARTIFACTS.zkey));
      verificationKey = JSON.parse(await readFile(ARTIFACTS.verificationKey, "utf8"));
    });

    it("verifies", async function () {
      assert.equal(await snarkjs.groth16.verify(verificationKey, publicSignals, proof), true);
    });

    it("public signals match SDK", async function () {
      const { encoding, credential } = await buildFixture();
      const expected = {
        nullifier: await poseidon([FIXTURE_HOLDER_SECRET, FIXTURE_SCOPE]),
        segmentHash: await segmentHash(encoding),
        issuerKeyHash: await issuerKeyHash(credential.issuerPublicKey),
        scope: FIXTURE_SCOPE,
        signalHash: FIXTURE_SIGNAL_HASH,
        date: BigInt(FIXTURE_DATE),
      };
      for (const [name, position] of Object.entries(PUBLIC_SIGNAL_INDEX)) {
        assert.equal(publicSignals[position], expected[name as keyof typeof expected].toString(), name);
      }
    });

    it("rejects signalHash + r", async function () {
      // The pairing check only sees public signals modulo r, so signalHash + r
      // would alias the proven value; snarkjs 0.7.6 rejects signals >= r first.
      const aliased = [...publicSignals];
      aliased[PUBLIC_SIGNAL_INDEX.signalHash] = (FIXTURE_SIGNAL_HASH + SNARK_SCALAR_FIELD).toString();
      assert.equal(await snarkjs.groth16.verify(verificationKey, aliased, proof), false);
    });

    for (const [name, position] of Object.entries(PUBLIC_SIGNAL_INDEX)) {
      it(`rejects changed ${name}`, async function () {
        const changed = [...publicSignals];
        changed[position] = (BigInt(changed[position]) + 1n).toString();
        assert.equal(await snarkjs.groth16.verify(verificationKey, changed, proof), false);
      });
    }
  });
});
