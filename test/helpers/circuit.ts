// Circuit test fixtures: signed credentials and circuit inputs built with the
// SDK, and the freshly compiled circuit with its R1CS, symbol table and two
// witness generators (the honest one and one that ignores failed asserts).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { WitnessCalculatorBuilder } from "circom_runtime";
import * as snarkjs from "snarkjs";
import { compileCircuit, type CompiledCircuit } from "../../circuits/setup/compile.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { credentialHash } from "../../prover/src/credential.js";
import { poseidon } from "../../prover/src/hash.js";
import { getEddsa } from "../../prover/src/issuer.js";
import { RETAIL_SCHEMA, schemaId } from "../../prover/src/schema.js";
import { parseSegment } from "../../prover/src/segment/definition.js";
import { encodeSegment, type SegmentEncoding } from "../../prover/src/segment/encoding.js";
import { buildCircuitInput, type CircuitInput, type CredentialSecrets } from "../../prover/src/witness.js";

declare module "snarkjs" {
  // types/snarkjs.d.ts declares r1cs as a namespace, and only a namespace merges into it.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace r1cs {
    /** Constraints as [A, B, C] maps from witness index to decimal coefficient. */
    function exportJson(file: string): Promise<{ nVars: number; constraints: Record<string, string>[][] }>;
  }
}

/** Proof date of the shared fixture, YYYYMMDD. */
export const FIXTURE_DATE = 20251204;
/** A segment the fixture holder satisfies: aged 30 on FIXTURE_DATE, spend 60000 cents, region 9. */
export const FIXTURE_SEGMENT = "age 25 to 34, spend12m at least 50000, region in {4, 9}";
/** Attributes in retail@1 slot order: birthDate, spend12m, income, customerSince, region, loyaltyTier, spare6, spare7. */
export const FIXTURE_ATTRIBUTES: readonly bigint[] = [19950615n, 60000n, 4000000n, 20150315n, 9n, 2n, 0n, 0n];
export const FIXTURE_EXPIRES_AT = 20271231n;
export const FIXTURE_HOLDER_SECRET = 123456789012345678901234567890n;
export const FIXTURE_SCOPE = 42n;
export const FIXTURE_SIGNAL_HASH = 7n;

/** Returns the fixture attributes with one slot replaced. */
export function withAttribute(slot: number, value: bigint): bigint[] {
  const attributes = [...FIXTURE_ATTRIBUTES];
  attributes[slot] = value;
  return attributes;
}

export interface FixtureOptions {
  attributes?: readonly bigint[];
  expiresAt?: bigint;
  holderSecret?: bigint;
  /** Fixture issuer number; each has its own deterministic key pair. */
  issuer?: number;
  /** A readable definition or an already encoded segment. */
  segment?: string | SegmentEncoding;
  scope?: bigint;
  signalHash?: bigint;
  date?: number;
}

export interface Fixture {
  credential: CredentialSecrets;
  encoding: SegmentEncoding;
  input: CircuitInput;
}

/** The deterministic 32-byte private key of fixture issuer `issuer`. */
export function fixtureIssuerPrivateKey(issuer: number): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + issuer * 57 + 3) % 256);
}

const credentials = new Map<string, Promise<CredentialSecrets>>();

/**
 * Signs a retail@1 credential as the issuer would: EdDSA-Poseidon over the
 * credential hash. Unlike the SDK's issueCredential it signs any field
 * element, so tests can show that the circuit itself rejects values no honest
 * issuer signs. Signing takes about half a second in circomlibjs, so equal
 * requests share one signature; callers must not mutate the result.
 */
export function issueCredential(options: FixtureOptions = {}): Promise<CredentialSecrets> {
  const request = {
    attributes: options.attributes ?? FIXTURE_ATTRIBUTES,
    expiresAt: options.expiresAt ?? FIXTURE_EXPIRES_AT,
    holderSecret: options.holderSecret ?? FIXTURE_HOLDER_SECRET,
    issuer: options.issuer ?? 0,
  };
  const key = JSON.stringify(request, (_, value) => (typeof value === "bigint" ? value.toString() : value));
  let credential = credentials.get(key);
  if (!credential) {
    credential = signCredential(request);
    credentials.set(key, credential);
  }
  return credential;
}

async function signCredential(
  options: Required<Pick<FixtureOptions, "attributes" | "expiresAt" | "holderSecret" | "issuer">>,
): Promise<CredentialSecrets> {
  const eddsa = await getEddsa();
  const F = eddsa.F;
  const privateKey = fixtureIssuerPrivateKey(options.issuer);
  const publicKey = eddsa.prv2pub(privateKey);
  const { holderSecret, expiresAt } = options;
  const attributes = [...options.attributes];
  const holderCommitment = await poseidon([holderSecret]);
  const message = await credentialHash({
    schema: RETAIL_SCHEMA,
    holderCommitment,
    attributes,
    expiresAt: Number(expiresAt),
  });
  const signature = eddsa.signPoseidon(privateKey, F.e(message));
  return {
    holderSecret,
    schemaId: schemaId(RETAIL_SCHEMA),
    attributes,
    expiresAt,
    issuerPublicKey: [F.toObject(publicKey[0]), F.toObject(publicKey[1])],
    signature: { R8: [F.toObject(signature.R8[0]), F.toObject(signature.R8[1])], S: signature.S },
  };
}

/** Builds a signed credential, an encoded segment and the circuit input; every option defaults to the fixture. */
export async function buildFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const credential = await issueCredential(options);
  const segment = options.segment ?? FIXTURE_SEGMENT;
  const encoding = typeof segment === "string" ? encodeSegment(parseSegment(segment)) : segment;
  const input = buildCircuitInput(credential, encoding, {
    scope: options.scope ?? FIXTURE_SCOPE,
    signalHash: options.signalHash ?? FIXTURE_SIGNAL_HASH,
    date: BigInt(options.date ?? FIXTURE_DATE),
  });
  return { credential, encoding, input };
}

type LinearCombination = { indices: number[]; coefficients: bigint[] };

/** The compiled circuit with everything needed to compute and check witnesses. */
export interface CircuitHarness {
  compiled: CompiledCircuit;
  /** Number of wires, including the constant 1 at index 0. */
  nVars: number;
  constraintCount: number;
  /** Runs the honest witness generator; throws "Assert Failed ... template X" on a failed `===`. */
  calculateWitness(input: CircuitInput): Promise<bigint[]>;
  /** Runs the witness generator with every `===` assert disabled, as a cheating prover could. */
  calculateWitnessIgnoringAsserts(input: CircuitInput): Promise<bigint[]>;
  /** Runs snarkjs' own witness calculation and R1CS check (slower; used to cross-check). */
  snarkjsCheck(input: CircuitInput, edits?: Map<number, bigint>): Promise<boolean>;
  /** Indices of the constraints A * B = C that the witness violates. */
  unsatisfiedConstraints(witness: readonly bigint[]): number[];
  /** Witness index of a signal that survived --O2 simplification, by full name or a pattern matching one name. */
  signalIndex(name: string | RegExp): number;
  /** Full names of the surviving signals that match a pattern, in witness order. */
  signalNames(pattern: RegExp): string[];
  /** Names of the signals a constraint touches, for failure messages and for asserting which template failed. */
  constraintSignals(constraint: number): string[];
}

let harness: Promise<CircuitHarness> | undefined;

/** Compiles the circuit once per process (about 15 s) and returns the shared harness. */
export function loadCircuitHarness(): Promise<CircuitHarness> {
  harness ??= createHarness();
  return harness;
}

// circom 2.2 compiles every `===` into "if not equal: print, return 4", and the
// runtime turns code 4 into "Assert Failed". Replacing `i32.const 4; return`
// by three `nop`s keeps the witness generator running past the failed check,
// which yields the witness a cheating prover would try to prove.
const ASSERT_FAILURE = Buffer.from([0x10, 0x01, 0x41, 0x04, 0x0f, 0x0b]);
const NOP = 0x01;

function disableAsserts(wasm: Buffer): Buffer {
  const patched = Buffer.from(wasm);
  let count = 0;
  for (let at = patched.indexOf(ASSERT_FAILURE); at >= 0; at = patched.indexOf(ASSERT_FAILURE, at + 1)) {
    patched.fill(NOP, at + 2, at + 5);
    count++;
  }
  if (count === 0) {
    throw new Error(
      "no assert failure sequence found in the witness wasm: the circom version changed its code generation; update ASSERT_FAILURE in test/helpers/circuit.ts",
    );
  }
  return patched;
}

function toLinearCombination(terms: Record<string, string>): LinearCombination {
  const entries = Object.entries(terms);
  return { indices: entries.map(([index]) => Number(index)), coefficients: entries.map(([, c]) => BigInt(c)) };
}

function evaluate(lc: LinearCombination, witness: readonly bigint[]): bigint {
  let sum = 0n;
  for (let i = 0; i < lc.indices.length; i++) sum += lc.coefficients[i] * witness[lc.indices[i]];
  return sum % SNARK_SCALAR_FIELD;
}

// circom_runtime prints every failed assert with console.error before it throws;
// the tests expect those failures, so the output is silenced while a witness is computed.
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const { error, log } = console;
  console.error = () => undefined;
  console.log = () => undefined;
  try {
    return await work();
  } finally {
    console.error = error;
    console.log = log;
  }
}

// snarkjs' wtns.check reports the first unsatisfied constraint through its logger and fails without one.
const SILENT_LOGGER: snarkjs.Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

// A .wtns file is "wtns", version, section count, then sections of (type u32,
// size u64, data); section 2 contains the witness as 32-byte little-endian values.
function witnessSection(data: Uint8Array): { start: number; count: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 12;
  while (view.getUint32(offset, true) !== 2) offset += 12 + Number(view.getBigUint64(offset + 4, true));
  return { start: offset + 12, count: Number(view.getBigUint64(offset + 4, true)) / 32 };
}

function readWitness(data: Uint8Array): bigint[] {
  const { start, count } = witnessSection(data);
  return Array.from({ length: count }, (_, index) => {
    const bytes = data.subarray(start + index * 32, start + index * 32 + 32);
    return BigInt(`0x${Buffer.from(bytes).reverse().toString("hex")}`);
  });
}

function overwriteWitness(data: Uint8Array, edits: Map<number, bigint>): Uint8Array {
  const copy = Uint8Array.from(data);
  const { start } = witnessSection(copy);
  for (const [index, value] of edits) {
    let rest = ((value % SNARK_SCALAR_FIELD) + SNARK_SCALAR_FIELD) % SNARK_SCALAR_FIELD;
    for (let byte = 0; byte < 32; byte++, rest >>= 8n) copy[start + index * 32 + byte] = Number(rest & 0xffn);
  }
  return copy;
}

async function readSymbols(symPath: string): Promise<{ byName: Map<string, number>; byIndex: Map<number, string[]> }> {
  const byName = new Map<string, number>();
  const byIndex = new Map<number, string[]>();
  for (const line of (await readFile(symPath, "utf8")).split("\n")) {
    const [, wire, , name] = line.split(",");
    if (name === undefined || wire === "-1") continue;
    byName.set(name, Number(wire));
    byIndex.set(Number(wire), [...(byIndex.get(Number(wire)) ?? []), name]);
  }
  return { byName, byIndex };
}

async function createHarness(): Promise<CircuitHarness> {
  const compiled = await compileCircuit();
  // compileCircuit() writes a fresh build/circuit-* folder per call; remove it when the run ends.
  process.once("exit", () => rmSync(path.dirname(compiled.r1csPath), { recursive: true, force: true }));
  const wasm = await readFile(compiled.wasmPath);
  const lenientWasm = disableAsserts(wasm);
  const strict = await WitnessCalculatorBuilder(wasm);
  const lenient = await WitnessCalculatorBuilder(lenientWasm);
  const r1cs = await snarkjs.r1cs.exportJson(compiled.r1csPath);
  const constraints = r1cs.constraints.map((abc) => abc.map(toLinearCombination));
  const symbols = await readSymbols(compiled.symPath);

  return {
    compiled,
    nVars: r1cs.nVars,
    constraintCount: constraints.length,
    calculateWitness: async (input) => readWitness(await quietly(() => strict.calculateWTNSBin(input, true))),
    calculateWitnessIgnoringAsserts: async (input) =>
      readWitness(await quietly(() => lenient.calculateWTNSBin(input, true))),
    async snarkjsCheck(input, edits = new Map()) {
      const data = overwriteWitness(await quietly(() => lenient.calculateWTNSBin(input, true)), edits);
      return snarkjs.wtns.check(compiled.r1csPath, { type: "mem", data }, SILENT_LOGGER);
    },
    unsatisfiedConstraints(witness) {
      const failed: number[] = [];
      constraints.forEach(([a, b, c], index) => {
        const left = (evaluate(a, witness) * evaluate(b, witness)) % SNARK_SCALAR_FIELD;
        if ((left - evaluate(c, witness)) % SNARK_SCALAR_FIELD !== 0n) failed.push(index);
      });
      return failed;
    },
    signalIndex(name) {
      if (typeof name === "string") {
        const index = symbols.byName.get(name);
        if (index === undefined) {
          throw new Error(
            `signal ${name} is not a witness wire: check the name in ${compiled.symPath} (--O2 removes signals that equal a linear combination of others)`,
          );
        }
        return index;
      }
      const matches = [...symbols.byName].filter(([signal]) => name.test(signal));
      if (matches.length !== 1) {
        throw new Error(
          `expected exactly one surviving signal to match ${name}, found ${matches.length}: ${matches
            .slice(0, 5)
            .map(([n]) => n)
            .join(", ")}`,
        );
      }
      return matches[0][1];
    },
    signalNames(pattern) {
      return [...symbols.byName]
        .filter(([name]) => pattern.test(name))
        .sort((a, b) => a[1] - b[1])
        .map(([name]) => name);
    },
    constraintSignals(constraint) {
      const wires = new Set(constraints[constraint].flatMap((lc) => lc.indices));
      return [...wires].flatMap((wire) => symbols.byIndex.get(wire) ?? ["one"]);
    },
  };
}

/** Returns a copy of `witness` with the given wires set to new values (reduced modulo r). */
export function editWitness(witness: readonly bigint[], edits: Map<number, bigint>): bigint[] {
  const copy = [...witness];
  for (const [index, value] of edits)
    copy[index] = ((value % SNARK_SCALAR_FIELD) + SNARK_SCALAR_FIELD) % SNARK_SCALAR_FIELD;
  return copy;
}

/** Which check a rejected input must trip: the witness generator's failing template and a signal of the violated constraint. */
export interface ExpectedFailure {
  template: RegExp;
  signal: RegExp;
}

/** Asserts that the honest witness of `input` satisfies every constraint. */
export async function expectSatisfied(circuit: CircuitHarness, input: CircuitInput): Promise<bigint[]> {
  const witness = await circuit.calculateWitness(input);
  assert.deepEqual(circuit.unsatisfiedConstraints(witness), [], "honest witness violates constraints");
  return witness;
}

/**
 * Asserts that `input` is rejected twice: the witness generator fails an
 * assert in the expected template, and the witness computed with asserts
 * disabled violates a constraint that involves the expected signal.
 */
export async function expectRejected(
  circuit: CircuitHarness,
  input: CircuitInput,
  expected: ExpectedFailure,
): Promise<void> {
  await assert.rejects(circuit.calculateWitness(input), (error: Error) => {
    assert.match(error.message, /Assert Failed/);
    assert.match(error.message, expected.template);
    return true;
  });
  const failed = circuit.unsatisfiedConstraints(await circuit.calculateWitnessIgnoringAsserts(input));
  assert.notEqual(failed.length, 0, "the witness computed without asserts satisfies every constraint");
  const signals = failed.flatMap((constraint) => circuit.constraintSignals(constraint));
  assert.ok(
    signals.some((name) => expected.signal.test(name)),
    `no violated constraint involves ${expected.signal}; violated constraints touch ${signals.slice(0, 8).join(", ")}`,
  );
}
