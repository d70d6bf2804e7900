// Sample issuer, holders and real membership proofs for a registry segment,
// made with the SDK from the committed circuit artifacts. The contract tests
// and the gas measurement share them.
import { issueCredential, type CredentialDocument } from "../prover/src/credential.js";
import { fromDateNumber } from "../prover/src/dates.js";
import { createIdentity, holderCommitment, type Identity } from "../prover/src/identity.js";
import { generateIssuerKey, issuerKeyHash, type IssuerKey } from "../prover/src/issuer.js";
import type { ProofPackage } from "../prover/src/proofPackage.js";
import { prove } from "../prover/src/prove.js";
import { compileSegment, type CompiledSegment } from "../prover/src/segment/compile.js";

/** Definition of the sample segment; every sample holder is a member. */
export const SAMPLE_DEFINITION = "age 25 to 34, spend12m at least 50000, region in {4, 9}";

/** Attributes of every sample holder, in retail@1 slot names. */
const SAMPLE_ATTRIBUTES = {
  birthDate: "19970611",
  spend12m: "7345123",
  income: "9182736",
  customerSince: "20150303",
  region: "9",
  loyaltyTier: "3",
  spare6: "0",
  spare7: "0",
};

/** An issuer, its key hash and the compiled sample segment. */
export interface SampleIssuer {
  key: IssuerKey;
  keyHash: bigint;
  segment: CompiledSegment;
}

/** A holder identity with a credential from the sample issuer. */
export interface SampleHolder {
  identity: Identity;
  credential: CredentialDocument;
}

/** Unix time of 12:00 UTC on a YYYYMMDD date. */
export function noonOf(date: number): number {
  return fromDateNumber(date).getTime() / 1000 + 12 * 3600;
}

/** Creates a random issuer and compiles the sample segment. */
export async function createSampleIssuer(): Promise<SampleIssuer> {
  const key = await generateIssuerKey();
  return { key, keyHash: await issuerKeyHash(key.publicKey), segment: await compileSegment(SAMPLE_DEFINITION) };
}

/** Creates a random holder with a credential from `issuer` that expires at the end of 2099. */
export async function createSampleHolder(issuer: SampleIssuer): Promise<SampleHolder> {
  const identity = createIdentity();
  const credential = await issueCredential(issuer.key, await holderCommitment(identity), SAMPLE_ATTRIBUTES, {
    expiresAt: 20991231,
  });
  return { identity, credential };
}

/** Proves the holder's membership of the sample segment for an on-chain scope. */
export function proveSample(
  issuer: SampleIssuer,
  holder: SampleHolder,
  options: { scope: bigint; segmentId: bigint; handle: string; date: number },
): Promise<ProofPackage> {
  return prove(holder.identity, holder.credential, issuer.segment, {
    scope: options.scope,
    signal: options.handle,
    segmentId: options.segmentId.toString(),
    date: options.date,
  });
}
