// Proof generation: local checks, witness computation and Groth16 proving.
import { groth16 } from "snarkjs";
import { WitnessCalculatorBuilder, type WitnessCalculator } from "circom_runtime";
import { type ArtifactOptions, loadArtifact } from "./artifacts.js";
import { type Credential, type CredentialDocument, parseCredential, verifyCredential } from "./credential.js";
import { requireValidDate, toDateNumber } from "./dates.js";
import { invalidInput, ZksegError } from "./errors.js";
import { parseFieldElement } from "./field.js";
import { hashToField } from "./hash.js";
import { holderCommitment, type Identity, identitySecret } from "./identity.js";
import {
  isValidSignal,
  MAX_SIGNAL_LENGTH,
  parseProofPackage,
  PROOF_PACKAGE_VERSION,
  type ProofPackage,
  SEGMENT_ID_PATTERN,
} from "./proofPackage.js";
import { schemaRef } from "./schema.js";
import { type CompiledSegment, compileSegment } from "./segment/compile.js";
import { explainMismatch } from "./segment/membership.js";
import { buildCircuitInput, PUBLIC_SIGNAL_INDEX } from "./witness.js";

/** Stages reported to `onProgress`, in order. */
export type ProofStage = "witness" | "proof" | "done";

/** Options of prove. */
export interface ProveOptions {
  /** Verifier-chosen scope of the segment, a field element. */
  scope: bigint | string;
  /** Targeting handle the verifier acts on; the proof binds hashToField(signal). */
  signal: string;
  /** Id of the segment at the verifier, copied into the package. */
  segmentId: string;
  /** Proof date as YYYYMMDD; default today in UTC. */
  date?: number;
  /** Called when a stage starts ("witness", "proof") and when the package is ready ("done"). */
  onProgress?: (stage: ProofStage) => void;
  /** Location of the circuit artifacts; see ArtifactOptions. */
  artifacts?: ArtifactOptions;
}

function artifactKey(options: ArtifactOptions): string {
  return `${options.baseUrl ?? ""}|${options.directory ?? ""}`;
}

const calculators = new Map<string, Promise<WitnessCalculator>>();
let witnessQueue: Promise<unknown> = Promise.resolve();

/**
 * Returns the witness calculator for an artifact location, compiled and
 * instantiated once per process because compiling the 7.5 MB circuit wasm
 * costs more than computing a witness.
 */
function witnessCalculator(options: ArtifactOptions): Promise<WitnessCalculator> {
  const key = artifactKey(options);
  let pending = calculators.get(key);
  if (!pending) {
    pending = loadArtifact("wasm", options).then((wasm) => WitnessCalculatorBuilder(wasm));
    calculators.set(key, pending);
    pending.catch(() => calculators.delete(key));
  }
  return pending;
}

/**
 * Computes a witness in snarkjs' .wtns format. Calls are queued because one
 * calculator instance has one memory.
 *
 * @throws ZksegError("invalid_proof") when a constraint fails. The calculator
 *   is then discarded, because circom_runtime keeps appending to one error
 *   text per instance.
 */
export async function calculateWitness(input: Record<string, unknown>, options: ArtifactOptions): Promise<Uint8Array> {
  const calculator = await witnessCalculator(options);
  const run = witnessQueue.then(() => calculator.calculateWTNSBin(input, true));
  witnessQueue = run.catch(() => undefined);
  try {
    return await run;
  } catch (error) {
    calculators.delete(artifactKey(options));
    const firstLine = String((error as Error).message ?? error).split("\n")[0];
    throw new ZksegError("invalid_proof", `witness computation failed: ${firstLine}`, "witness");
  }
}

async function toCredential(credential: Credential | CredentialDocument | string): Promise<Credential> {
  if (typeof credential === "object" && typeof credential.holderCommitment === "bigint") {
    const parsed = credential as Credential;
    if (!(await verifyCredential(parsed))) {
      throw new ZksegError("invalid_credential", "invalid credential: signature does not verify", "signature");
    }
    return parsed;
  }
  return parseCredential(credential);
}

/** Runs every check the circuit would fail on, so a failure names its cause instead of a witness error. */
async function checkLocally(
  identity: Identity,
  credential: Credential,
  segment: CompiledSegment,
  date: number,
): Promise<void> {
  if ((await holderCommitment(identity)) !== credential.holderCommitment) {
    throw new ZksegError(
      "invalid_credential",
      "credential holderCommitment is not this identity's commitment; prove with the identity it was issued to",
      "holderCommitment",
    );
  }
  if (credential.schema !== segment.definition.schema) {
    throw new ZksegError(
      "invalid_credential",
      `credential schema ${schemaRef(credential.schema)} differs from the segment's ${schemaRef(segment.definition.schema)}`,
      "schema",
    );
  }
  if (credential.expiresAt < date) {
    throw new ZksegError(
      "invalid_credential",
      `credential expired on ${credential.expiresAt}, before the proof date ${date}; ask the issuer for a new one`,
      "expiresAt",
    );
  }
  const reasons = explainMismatch(segment.definition, segment.encoding, credential.attributes, date);
  if (reasons.length > 0) throw new ZksegError("not_in_segment", `not in segment: ${reasons.join("; ")}`);
}

/**
 * Proves that the identity's credential satisfies the segment, and returns a
 * "zkseg-proof/1" package. It first checks the credential's signature, its
 * holder, its expiry on the proof date and every segment condition in the
 * clear, so a customer outside the segment learns why without proving. The
 * package carries only the public signals: no attribute value appears in it
 * or in any error message.
 *
 * @throws ZksegError("not_in_segment") listing the failed conditions, such as
 *   "not in segment: spend12m is below 50000"; "invalid_credential",
 *   "invalid_input" or "artifact_mismatch" for other failures.
 */
export async function prove(
  identity: Identity,
  credential: Credential | CredentialDocument | string,
  segment: CompiledSegment | string,
  options: ProveOptions,
): Promise<ProofPackage> {
  const secret = identitySecret(identity);
  const parsed = await toCredential(credential);
  const compiled = typeof segment === "string" ? await compileSegment(segment, schemaRef(parsed.schema)) : segment;
  const date = requireValidDate(options.date ?? toDateNumber(new Date()), "date");
  const scope = parseFieldElement(options.scope.toString(), "scope");
  if (!isValidSignal(options.signal)) {
    throw invalidInput(
      "signal",
      `must be a targeting handle of 1 to ${MAX_SIGNAL_LENGTH} characters without control characters or unpaired surrogates`,
    );
  }
  if (typeof options.segmentId !== "string" || !SEGMENT_ID_PATTERN.test(options.segmentId)) {
    throw invalidInput("segmentId", "must be 1-128 letters, digits, '.', '_', ':' or '-'");
  }
  await checkLocally(identity, parsed, compiled, date);
  const artifacts = options.artifacts ?? {};
  const zkeyPending = loadArtifact("zkey", artifacts);

  options.onProgress?.("witness");
  const input = buildCircuitInput(
    {
      holderSecret: secret,
      schemaId: compiled.encoding.schemaId,
      attributes: parsed.attributes,
      expiresAt: BigInt(parsed.expiresAt),
      issuerPublicKey: parsed.issuerPublicKey,
      signature: parsed.signature,
    },
    compiled.encoding,
    { scope, signalHash: hashToField(options.signal), date: BigInt(date) },
  );
  const witness = await calculateWitness(input, artifacts);

  options.onProgress?.("proof");
  const zkey = await zkeyPending;
  const { proof, publicSignals } = await groth16.prove({ type: "mem", data: zkey }, { type: "mem", data: witness });
  if (publicSignals[PUBLIC_SIGNAL_INDEX.segmentHash] !== compiled.segmentHash.toString()) {
    throw new ZksegError("invalid_proof", "the proof's segmentHash differs from the compiled segment's", "segment");
  }
  const pkg = parseProofPackage({
    version: PROOF_PACKAGE_VERSION,
    segmentId: options.segmentId,
    scope: scope.toString(),
    signal: options.signal,
    proof,
    publicSignals,
  });
  options.onProgress?.("done");
  return pkg;
}
