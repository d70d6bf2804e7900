// Real Groth16 proofs for the service tests, made from the committed artifacts.
// Proving takes seconds, so every proof is cached by its inputs and reused.
import { buildEddsa, type Eddsa } from "circomlibjs";
import * as snarkjs from "snarkjs";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import { hashToField, poseidon } from "../../prover/src/hash.js";
import { RETAIL_SCHEMA, schemaId } from "../../prover/src/schema.js";
import { parseSegment } from "../../prover/src/segment/definition.js";
import { encodeSegment } from "../../prover/src/segment/encoding.js";
import { buildCircuitInput } from "../../prover/src/witness.js";
import { toDateNumber } from "../../prover/src/dates.js";
import { parseProofPackage, type ProofPackage } from "../../prover/src/proofPackage.js";

export type { ProofPackage };

/** The definition most tests use; every fixture holder is a member. */
export const DEFINITION = "age 25 to 34, spend12m at least 50000, region in {4, 9}";
/** A definition with another segment hash that the fixture holders also satisfy. */
export const OTHER_DEFINITION = "age 20 to 40, region in {4, 9}";

/** Attribute values in retail@1 slot order; the tests check that none of them reaches the logs. */
export const ATTRIBUTES = {
  birthDate: 19970611n,
  spend12m: 7345123n,
  income: 9182736n,
  customerSince: 20150303n,
  region: 9n,
  loyaltyTier: 3n,
  spare6: 0n,
  spare7: 0n,
};
const EXPIRES_AT = 20991231n;

export interface ProofRequest {
  segmentId: string;
  scope: bigint;
  signal: string;
  /** Holder number; each holder has its own secret and so its own nullifier per scope. */
  holder?: number;
  /** Issuer number; issuer 0 is the one tests trust. */
  issuer?: number;
  definition?: string;
  date?: number;
  /** Handle whose hash goes into the proof; defaults to `signal`. */
  provenSignal?: string;
}

let eddsaInstance: Promise<Eddsa> | undefined;
const cache = new Map<string, Promise<ProofPackage>>();

function issuerPrivateKey(issuer: number): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + issuer * 31 + 1) % 256);
}

/** Holder secrets: fixed, distinct, recognisable in a log search. */
export function holderSecret(holder: number): bigint {
  return 987654321987654321987654321n + BigInt(holder) * 1000003n;
}

/** The public key [Ax, Ay] of a fixture issuer, as decimal strings. */
export async function issuerPublicKey(issuer = 0): Promise<[string, string]> {
  eddsaInstance ??= buildEddsa();
  const eddsa = await eddsaInstance;
  const pub = eddsa.prv2pub(issuerPrivateKey(issuer));
  return [eddsa.F.toObject(pub[0]).toString(), eddsa.F.toObject(pub[1]).toString()];
}

/** Today's UTC date as YYYYMMDD, shifted by `days`. */
export function utcDate(days = 0): number {
  return toDateNumber(new Date(Date.now() + days * 86_400_000));
}

async function prove(request: ProofRequest): Promise<ProofPackage> {
  eddsaInstance ??= buildEddsa();
  const eddsa = await eddsaInstance;
  const F = eddsa.F;
  const privateKey = issuerPrivateKey(request.issuer ?? 0);
  const pub = eddsa.prv2pub(privateKey);
  const secret = holderSecret(request.holder ?? 0);
  const attributes = Object.values(ATTRIBUTES);
  const holderCommitment = await poseidon([secret]);
  const credentialHash = await poseidon([schemaId(RETAIL_SCHEMA), holderCommitment, ...attributes, EXPIRES_AT]);
  const signature = eddsa.signPoseidon(privateKey, F.e(credentialHash));
  const encoding = encodeSegment(parseSegment(request.definition ?? DEFINITION));
  const input = buildCircuitInput(
    {
      holderSecret: secret,
      schemaId: encoding.schemaId,
      attributes,
      expiresAt: EXPIRES_AT,
      issuerPublicKey: [F.toObject(pub[0]), F.toObject(pub[1])],
      signature: { R8: [F.toObject(signature.R8[0]), F.toObject(signature.R8[1])], S: signature.S },
    },
    encoding,
    {
      scope: request.scope,
      signalHash: hashToField(request.provenSignal ?? request.signal),
      date: BigInt(request.date ?? utcDate()),
    },
  );
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(input, ARTIFACTS.wasm, ARTIFACTS.zkey);
  return parseProofPackage({
    version: "zkseg-proof/1",
    segmentId: request.segmentId,
    scope: request.scope.toString(),
    signal: request.signal,
    proof,
    publicSignals,
  });
}

/** Proves membership for `request`, reusing an earlier proof of the same inputs. */
export function proofPackage(request: ProofRequest): Promise<ProofPackage> {
  const key = JSON.stringify(request, (_, value) => (typeof value === "bigint" ? value.toString() : value));
  let cached = cache.get(key);
  if (!cached) {
    cached = prove(request);
    cache.set(key, cached);
  }
  return cached.then((pkg) => structuredClone(pkg));
}
