// Shared SDK fixtures: one issuer, one holder, one credential and one proof,
// built once per mocha run because each proof costs about a second.
import {
  compileSegment,
  type CompiledSegment,
  createIdentity,
  type CredentialDocument,
  generateIssuerKey,
  holderCommitment,
  type Identity,
  issueCredential,
  type IssuerKey,
  issuerKeyHash,
  prove,
  type ProofPackage,
  type ProofStage,
} from "../../prover/src/index.js";

/** Proof date of every fixture proof, YYYYMMDD. */
export const PROOF_DATE = 20260615;
export const SCOPE = 424242424242n;
export const SIGNAL = "crm:customer-1001";
export const SEGMENT_ID = "young-big-spenders";
export const SEGMENT_TEXT = "age 25 to 40, spend12m at least 50000, region in {4, 9}";

/** Attribute values chosen so no two share a decimal string with public values. */
export const ATTRIBUTES = {
  birthDate: "19900515",
  spend12m: "7654321",
  income: "4812345600",
  customerSince: "20190311",
  region: "9",
  loyaltyTier: "3",
  spare6: "0",
  spare7: "0",
} as const;

export interface Fixture {
  identity: Identity;
  issuerKey: IssuerKey;
  issuerKeyHash: bigint;
  credential: CredentialDocument;
  segment: CompiledSegment;
}

export interface ProofFixture {
  pkg: ProofPackage;
  stages: ProofStage[];
}

let fixture: Promise<Fixture> | undefined;
let proofFixture: Promise<ProofFixture> | undefined;

async function buildFixture(): Promise<Fixture> {
  const identity = createIdentity();
  const issuerKey = await generateIssuerKey();
  const credential = await issueCredential(issuerKey, await holderCommitment(identity), ATTRIBUTES, {
    schema: "retail@1",
    expiresAt: 20271231,
  });
  return {
    identity,
    issuerKey,
    issuerKeyHash: await issuerKeyHash(issuerKey.publicKey),
    credential,
    segment: await compileSegment(SEGMENT_TEXT),
  };
}

/** Returns the shared holder, issuer, credential and segment. */
export function getFixture(): Promise<Fixture> {
  fixture ??= buildFixture();
  return fixture;
}

/** Returns the shared proof package, proved once with the fixture's values. */
export function getProofFixture(): Promise<ProofFixture> {
  proofFixture ??= getFixture().then(async ({ identity, credential, segment }) => {
    const stages: ProofStage[] = [];
    const pkg = await prove(identity, credential, segment, {
      scope: SCOPE,
      signal: SIGNAL,
      date: PROOF_DATE,
      segmentId: SEGMENT_ID,
      onProgress: (stage) => stages.push(stage),
    });
    return { pkg, stages };
  });
  return proofFixture;
}
