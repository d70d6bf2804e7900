// Sends proof packages to the verifier service and to the registry, and
// reads the verified counts back.
import type { Contract } from "ethers";
import type { ProofPackage } from "../prover/src/proofPackage.js";
import { submitProofPackage } from "../contracts/deploy.js";

export interface SubmitOutcome {
  status: number;
  code?: string;
}

/** POSTs a package to /v1/segments/:id/proofs and returns the HTTP status and error code. */
export async function submitToService(serviceUrl: string, pkg: ProofPackage): Promise<SubmitOutcome> {
  const response = await fetch(`${serviceUrl}/v1/segments/${encodeURIComponent(pkg.segmentId)}/proofs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(pkg),
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code };
}

/** Reads a segment's verified count; with k-anonymity 1 the service always returns the number. */
export async function serviceCount(serviceUrl: string, apiKey: string, segmentId: string): Promise<number | null> {
  const response = await fetch(`${serviceUrl}/v1/segments/${encodeURIComponent(segmentId)}/count`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  if (!response.ok) throw new Error(`GET count of segment ${segmentId} failed with HTTP ${response.status}`);
  const body = (await response.json()) as { count: number | null; fewerThan?: number };
  // With k = 1 the only hidden count is "fewer than 1", which is 0.
  return body.count ?? (body.fewerThan === 1 ? 0 : null);
}

/** Submits a package on chain; returns the revert reason when the registry rejected it. */
export async function submitToChain(
  registry: Contract,
  segmentId: bigint,
  pkg: ProofPackage,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await submitProofPackage(registry, segmentId, pkg);
    return { ok: true };
  } catch (error) {
    const data = (error as { data?: string }).data;
    const decoded = data ? registry.interface.parseError(data) : null;
    return { ok: false, reason: decoded ? `${decoded.name}(${decoded.args.join(", ")})` : (error as Error).message };
  }
}
