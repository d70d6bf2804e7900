// Public entry of the zkseg client SDK: identities, credentials, segments,
// proving and local verification. Runs in Node 20 and in browsers.
export { ZksegError, type ZksegErrorCode } from "./errors.js";
export { SNARK_SCALAR_FIELD, BABYJUB_SUBGROUP_ORDER, MAX_UINT64 } from "./field.js";
export { hashToField, poseidon } from "./hash.js";
export { MIN_DATE, MAX_DATE, isValidDate, toDateNumber, fromDateNumber, ageBandToBirthDates } from "./dates.js";
export {
  RETAIL_SCHEMA,
  registerSchema,
  getSchema,
  schemaId,
  schemaRef,
  type CredentialSchema,
  type SchemaSlot,
  type SlotType,
} from "./schema.js";
export {
  Identity,
  IDENTITY_PREFIX,
  createIdentity,
  exportIdentity,
  importIdentity,
  holderCommitment,
} from "./identity.js";
export {
  IssuerKey,
  ISSUER_KEY_PREFIX,
  generateIssuerKey,
  exportIssuerKey,
  importIssuerKey,
  issuerKeyHash,
  type IssuerPublicKey,
} from "./issuer.js";
export {
  CREDENTIAL_VERSION,
  issueCredential,
  parseCredential,
  verifyCredential,
  toCredentialDocument,
  type AttributeInput,
  type Credential,
  type CredentialDocument,
  type IssueOptions,
} from "./credential.js";
export { parseSegment, formatSegment, type Clause, type SegmentDefinition } from "./segment/definition.js";
export { encodeSegment, segmentHash, effectiveBounds, type SegmentEncoding } from "./segment/encoding.js";
export { explainMismatch } from "./segment/membership.js";
export { compileSegment, type CompiledSegment } from "./segment/compile.js";
export { prove, type ProveOptions, type ProofStage } from "./prove.js";
export {
  PROOF_PACKAGE_VERSION,
  REJECTION_REASONS,
  parseProofPackage,
  checkPublicSignals,
  ProofPackageError,
  type ProofPackage,
  type Groth16ProofJson,
  type RejectionReason,
  type ExpectedContext,
  type DateWindow,
  type PublicSignalCheck,
} from "./proofPackage.js";
export { verifyProofPackage, type VerificationResult } from "./verify.js";
export { loadArtifact, ARTIFACT_FILES, type ArtifactKind, type ArtifactOptions } from "./artifacts.js";
export { proveInWorker, type WorkerProveOptions } from "./browser/client.js";
