// Messages between proveInWorker and the prover Web Worker. Values cross
// postMessage as strings, so bigints and class instances never need cloning.
import type { CredentialDocument } from "../credential.js";
import type { ZksegErrorCode } from "../errors.js";
import type { ProofPackage } from "../proofPackage.js";
import type { ProofStage } from "../prove.js";

/** A proving request sent to the worker. */
export interface ProveRequest {
  type: "prove";
  id: number;
  /** Identity as written by exportIdentity. */
  identity: string;
  credential: CredentialDocument | string;
  /** Readable segment definition and its schema reference. */
  segment: { text: string; schema: string };
  scope: string;
  signal: string;
  segmentId: string;
  date?: number;
  /** Absolute URL of the artifacts folder. */
  artifactsBaseUrl: string;
}

/** A message the worker posts back for request `id`. */
export type WorkerResponse =
  | { type: "progress"; id: number; stage: ProofStage }
  | { type: "result"; id: number; pkg: ProofPackage }
  | { type: "error"; id: number; code: ZksegErrorCode; message: string; field?: string };
