// One customer's proof, run inside a worker thread of the campaign's pool.
import { importIdentity } from "../prover/src/identity.js";
import type { CredentialDocument } from "../prover/src/credential.js";
import { compileSegment, type CompiledSegment } from "../prover/src/segment/compile.js";
import { prove } from "../prover/src/prove.js";
import { registerSchema, type CredentialSchema } from "../prover/src/schema.js";
import type { ProofPackage } from "../prover/src/proofPackage.js";

export interface ProveJob {
  identity: string;
  credential: CredentialDocument;
  definition: string;
  /** The schema the credential and segment use; workers start with only the built-in ones. */
  schema: CredentialSchema;
  scope: string;
  segmentId: string;
  signal: string;
  date: number;
}

export interface ProveJobResult {
  pkg: ProofPackage;
  proveMs: number;
}

const compiled = new Map<string, Promise<CompiledSegment>>();

/** Proves one job with the SDK; segments are compiled once per worker. */
export async function proveForCampaign(job: ProveJob): Promise<ProveJobResult> {
  const schema = registerSchema(job.schema);
  const key = `${schema.name}@${schema.version}|${job.definition}`;
  let segment = compiled.get(key);
  if (!segment) {
    segment = compileSegment(job.definition, `${schema.name}@${schema.version}`);
    compiled.set(key, segment);
  }
  const started = performance.now();
  const pkg = await prove(importIdentity(job.identity), job.credential, await segment, {
    scope: job.scope,
    signal: job.signal,
    segmentId: job.segmentId,
    date: job.date,
  });
  return { pkg, proveMs: performance.now() - started };
}
