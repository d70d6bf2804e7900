// Witness-level soundness: a cheating prover controls every wire, so each
// constraint group must reject an honest witness with one signal edited, and
// targeted edits that keep every other constraint satisfied.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "../../circuits/setup/paths.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { PUBLIC_SIGNAL_INDEX } from "../../prover/src/witness.js";
import { buildFixture, type CircuitHarness, editWitness, loadCircuitHarness } from "../helpers/circuit.js";

const IN_RANGE = String.raw`^main\.InRange64_\d+_\d+`;
const EDDSA = String.raw`^main\.credential\.EdDSAPoseidonVerifier_\d+_\d+`;
const SET = String.raw`^main\.SetPredicate_\d+_\d+`;

/** Returns the anonymous Num2Bits components under `prefix`, in source order (by line number). */
function num2BitsComponents(circuit: CircuitHarness, prefix: string): string[] {
  const components = new Set(
    circuit.signalNames(new RegExp(`${prefix}\\.Num2Bits_\\d+_\\d+\\.out\\[0\\]$`)).map((name) => name.slice(0, -7)),
  );
  const line = (name: string) => Number(/Num2Bits_(\d+)_\d+$/.exec(name)?.[1]);
  return [...components].sort((a, b) => line(a) - line(b));
}

/** Returns the array index at the end of a bit signal's name, such as 5 for "...out[5]". */
function bitPosition(name: string): bigint {
  const match = /\[(\d+)\]$/.exec(name);
  if (!match) throw new Error(`signal ${name} has no bit index`);
  return BigInt(match[1]);
}

/** Violated constraints, each as the names of the signals it touches. */
function violations(circuit: CircuitHarness, witness: readonly bigint[]): string[][] {
  return circuit.unsatisfiedConstraints(witness).map((constraint) => circuit.constraintSignals(constraint));
}

describe("circuit soundness", function () {
  let circuit: CircuitHarness;
  let honest: bigint[];

  before(async function () {
    circuit = await loadCircuitHarness();
    honest = await circuit.calculateWitness((await buildFixture()).input);
  });

  it("honest witness satisfies all", function () {
    assert.equal(honest.length, circuit.nVars);
    assert.deepEqual(circuit.unsatisfiedConstraints(honest), []);
  });

  it("snarkjs check agrees", async function () {
    const { input } = await buildFixture();
    assert.equal(await circuit.snarkjsCheck(input), true);
    const nullifier = new Map([[1 + PUBLIC_SIGNAL_INDEX.nullifier, honest[1 + PUBLIC_SIGNAL_INDEX.nullifier] + 1n]]);
    assert.equal(await circuit.snarkjsCheck(input, nullifier), false);
  });

  describe("single signal edits", function () {
    // Each edit changes one wire of the honest witness (bits are flipped, other
    // values incremented); the constraints must notice.
    const edits = [
      { group: "signature: EdDSA hash bit", signal: `${EDDSA}\\.h2bits\\.out\\[0\\]$`, flip: true },
      { group: "signature: S bit", signal: `${EDDSA}\\.compConstant\\.in\\[0\\]$`, flip: true },
      { group: "signature: R8 + 8hA", signal: `${EDDSA}\\.addRight\\.xout$` },
      { group: "signature: small-order check", signal: `${EDDSA}\\.isZero\\.inv$` },
      { group: "signature: credential hash input", signal: String.raw`^main\.credential\.holderCommitment$` },
      { group: "range: lower bit", signal: "lowerBit", flip: true },
      { group: "range: upper bit", signal: "upperBit", flip: true },
      { group: "age: effectiveLo", signal: `${IN_RANGE}\\[0\\]\\.lo$` },
      { group: "age: effectiveHi", signal: `${IN_RANGE}\\[0\\]\\.hi$` },
      { group: "expiry: bit", signal: String.raw`^main\.Num2Bits_\d+_\d+\.out\[0\]$`, flip: true },
      { group: "set: partial product", signal: `${SET}\\[0\\]\\.partial\\[3\\]$` },
      { group: "set: isMember", signal: `${SET}\\[0\\]\\.isMember$`, flip: true },
      // When the product is 0 the inverse is free by design (out = 1 either way),
      // so the edit targets set slot 1, whose empty predicate leaves a product of 2^8.
      { group: "set: IsZero inverse", signal: `${SET}\\[1\\]\\.IsZero_\\d+_\\d+\\.inv$` },
      { group: "output: nullifier", signal: String.raw`^main\.nullifier$` },
      { group: "output: segmentHash", signal: String.raw`^main\.segmentHash$` },
      { group: "output: issuerKeyHash", signal: String.raw`^main\.issuerKeyHash$` },
      { group: "signalHashSquared", signal: String.raw`^main\.signalHashSquared$` },
    ];
    for (const { group, signal, flip } of edits) {
      it(group, function () {
        let index: number;
        if (signal === "lowerBit" || signal === "upperBit") {
          const [lower, upper] = num2BitsComponents(circuit, `${IN_RANGE}\\[1\\]`);
          index = circuit.signalIndex(`${signal === "lowerBit" ? lower : upper}.out[0]`);
        } else {
          index = circuit.signalIndex(new RegExp(signal));
        }
        const value = flip ? 1n - honest[index] : honest[index] + 1n;
        if (flip) assert.ok(honest[index] === 0n || honest[index] === 1n, "flipped signal is not a bit");
        const failed = violations(circuit, editWitness(honest, new Map([[index, value]])));
        assert.notEqual(failed.length, 0, `editing wire ${index} leaves every constraint satisfied`);
      });
    }
  });

  describe("public signal edits", function () {
    for (const [name, position] of Object.entries(PUBLIC_SIGNAL_INDEX)) {
      it(`${name} alone`, function () {
        // Wire 0 is the constant 1, so public signal i is wire i + 1.
        const wire = 1 + position;
        const failed = violations(circuit, editWitness(honest, new Map([[wire, honest[wire] + 1n]])));
        assert.notEqual(failed.length, 0, `changing ${name} alone leaves every constraint satisfied`);
      });
    }

    it("signalHash bound by its square", function () {
      const wire = 1 + PUBLIC_SIGNAL_INDEX.signalHash;
      const failed = violations(circuit, editWitness(honest, new Map([[wire, honest[wire] + 1n]])));
      assert.equal(failed.length, 1);
      assert.ok(failed[0].includes("main.signalHashSquared"));
    });
  });

  describe("targeted attacks", function () {
    it("non-boolean bits, same sum", function () {
      // out[0] + 2 and out[1] - 1 keep sum(out[i] * 2^i) = value - lo, so only
      // the two booleanity constraints stand between the prover and any range.
      const [lower] = num2BitsComponents(circuit, `${IN_RANGE}\\[1\\]`);
      const bit0 = circuit.signalIndex(`${lower}.out[0]`);
      const bit1 = circuit.signalIndex(`${lower}.out[1]`);
      const forged = editWitness(
        honest,
        new Map([
          [bit0, honest[bit0] + 2n],
          [bit1, honest[bit1] - 1n],
        ]),
      );
      const failed = violations(circuit, forged);
      assert.equal(failed.length, 2);
      assert.ok(failed[0].includes(`${lower}.out[0]`) || failed[1].includes(`${lower}.out[0]`));
      assert.ok(failed[0].includes(`${lower}.out[1]`) || failed[1].includes(`${lower}.out[1]`));
    });

    it("lowered effectiveLo with re-derived bits", async function () {
      // spend12m is 60000 but the segment requires at least 70000. The cheat
      // sets effectiveLo to 50000 and re-derives the bits of 60000 - 50000, so
      // only EffectiveBounds' own constraint (effectiveLo = lo when ageMode = 0) fails.
      const { input } = await buildFixture({ segment: "spend12m at least 70000" });
      const witness = await circuit.calculateWitnessIgnoringAsserts(input);
      const effectiveLo = circuit.signalIndex(new RegExp(`${IN_RANGE}\\[1\\]\\.lo$`));
      const [lower] = num2BitsComponents(circuit, `${IN_RANGE}\\[1\\]`);
      const edits = new Map([[effectiveLo, 50000n]]);
      const bits = circuit.signalNames(new RegExp(`^${lower.replace(/[[\].]/g, "\\$&")}\\.out\\[\\d+\\]$`));
      for (const name of bits) edits.set(circuit.signalIndex(name), (10000n >> bitPosition(name)) & 1n);
      const failed = violations(circuit, editWitness(witness, edits));
      assert.equal(failed.length, 1, failed.map((signals) => signals.join(" ")).join("\n"));
      assert.ok(failed[0].includes("main.ageMode[1]"));
      assert.ok(failed[0].includes("main.lo[1]"));
    });

    it("isMember forced to 0 for NOT IN", async function () {
      // region 9 is in {4, 9}; the product is 0, so IsZero must output 1.
      const { input } = await buildFixture({ segment: "region not in {4, 9}" });
      const witness = await circuit.calculateWitnessIgnoringAsserts(input);
      const isMember = circuit.signalIndex(new RegExp(`${SET}\\[0\\]\\.isMember$`));
      assert.equal(witness[isMember], 1n);
      const failed = violations(circuit, editWitness(witness, new Map([[isMember, 0n]])));
      assert.notEqual(failed.length, 0);
      for (const signals of failed) assert.ok(signals.some((name) => /\.isMember$|\.IsZero_\d+_\d+\.inv$/.test(name)));
    });

    it("isMember forced to 1 for IN", async function () {
      // region 9 is not in {4}; with inv = 0 IsZero's first constraint holds, and in * out = 0 must fail.
      const { input } = await buildFixture({ segment: "region in {4}" });
      const witness = await circuit.calculateWitnessIgnoringAsserts(input);
      const isMember = circuit.signalIndex(new RegExp(`${SET}\\[0\\]\\.isMember$`));
      const inverse = circuit.signalIndex(new RegExp(`${SET}\\[0\\]\\.IsZero_\\d+_\\d+\\.inv$`));
      const failed = violations(
        circuit,
        editWitness(
          witness,
          new Map([
            [isMember, 1n],
            [inverse, 0n],
          ]),
        ),
      );
      assert.equal(failed.length, 1, failed.map((signals) => signals.join(" ")).join("\n"));
      assert.ok(failed[0].some((name) => /\.partial\[7\]$/.test(name)));
    });

    it("expired credential, low 32 bits", async function () {
      // expiresAt - date = -1 = r - 1; its low 32 bits sum to 2^32 - 1, not r - 1.
      const { input } = await buildFixture({ expiresAt: 20251203n });
      const witness = await circuit.calculateWitnessIgnoringAsserts(input);
      const bits = circuit.signalNames(/^main\.Num2Bits_\d+_\d+\.out\[\d+\]$/);
      const low = (SNARK_SCALAR_FIELD - 1n) & (2n ** 32n - 1n);
      const edits = new Map(bits.map((name) => [circuit.signalIndex(name), (low >> bitPosition(name)) & 1n]));
      const failed = violations(circuit, editWitness(witness, edits));
      assert.notEqual(failed.length, 0);
      for (const signals of failed) assert.ok(signals.includes("main.expiresAt"), signals.join(" "));
    });
  });

  describe("static checks", function () {
    let sources: { file: string; text: string }[];

    before(async function () {
      const circuits = path.join(REPO_ROOT, "circuits");
      const files = (await readdir(circuits, { recursive: true }))
        .filter((file) => file.endsWith(".circom"))
        .map((file) => path.join(circuits, file));
      sources = await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, "utf8") })));
      assert.ok(sources.length >= 4, `found only ${sources.length} .circom files under circuits/`);
    });

    it("every <-- has a ===", function () {
      for (const { file, text } of sources) assert.deepEqual(unconstrainedAssignments(text), [], file);
    });

    it("comparators at most 252 bits", function () {
      for (const { file, text } of sources) assert.deepEqual(oversizedComparators(text), [], file);
    });

    it("checkers flag bad code", function () {
      const bad =
        "signal x; x <-- a / b;\nsignal y; y <-- a; y * b === a;\n_ <== LessThan(253)(a);\n_ <== Num2Bits(n)(a);";
      assert.deepEqual(unconstrainedAssignments(bad), ["x"]);
      assert.deepEqual(oversizedComparators(bad), ["LessThan(253)", "Num2Bits(n)"]);
    });
  });
});

/** Signals assigned with `<--` (or `-->`) that no `===` statement mentions. */
function unconstrainedAssignments(source: string): string[] {
  const code = source.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
  const assigned = [
    ...[...code.matchAll(/([A-Za-z_][\w.]*)(?:\[[^\]]*\])*\s*<--/g)].map((match) => match[1]),
    ...[...code.matchAll(/-->\s*([A-Za-z_][\w.]*)/g)].map((match) => match[1]),
  ];
  const constraints = code.split(";").filter((statement) => statement.includes("==="));
  return assigned.filter(
    (signal) =>
      !constraints.some((statement) => new RegExp(`(^|[^\\w.])${signal.replace(/\./g, "\\.")}\\b`).test(statement)),
  );
}

/**
 * Comparator and bit-decomposition instances whose width is above 252 bits or
 * not a literal. LessThan and its relatives are unsound above 252 bits, and
 * CompConstant is only safe behind a strict 254-bit decomposition, so any use
 * of it in zkseg's own files needs review.
 */
function oversizedComparators(source: string): string[] {
  const code = source.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
  const uses = code.matchAll(
    /\b(LessThan|LessEqThan|GreaterThan|GreaterEqThan|Num2Bits|Num2Bits_strict|CompConstant)\s*\(([^)]*)\)/g,
  );
  return [...uses]
    .filter(([, template, width]) => template === "CompConstant" || !/^\d+$/.test(width.trim()) || Number(width) > 252)
    .map(([, template, width]) => `${template}(${width.trim()})`);
}
