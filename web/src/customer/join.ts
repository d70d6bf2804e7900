// Joining a segment: prove in a Web Worker with visible progress, POST the proof package, show the receipt.
import type { ProofPackage } from "../../../prover/src/proofPackage.js";
import { ApiError, apiRequest } from "../shared/api.js";
import { byId, element } from "../shared/dom.js";
import type { CredentialState } from "./credentialPanel.js";
import type { IdentityState } from "./identityPanel.js";
import { proveSegmentInWorker, type ProofProgress } from "./proverClient.js";
import { eligibilityOf, type LoadedSegment } from "./segmentsPanel.js";

/** Progress bar value and announcement for each proving stage. */
const STAGES: Record<ProofProgress, [number, string]> = {
  artifacts: [10, "Loading and checking the proving files…"],
  witness: [30, "Computing the witness on this device…"],
  proof: [55, "Generating the zero-knowledge proof on this device; this takes several seconds…"],
  done: [85, "Proof ready. Sending the proof, nullifier and targeting handle…"],
};

/** Explanations of the service's rejection codes, in words a customer can act on. */
const REJECTIONS: Record<string, string> = {
  untrusted_issuer: "The segment does not trust the issuer of your credential.",
  date_outside_window: "The proof date is outside the segment's validity window, or your device clock is wrong.",
  wrong_segment_hash: "The segment changed since this page loaded; reload the page and try again.",
  scope_mismatch: "The segment changed since this page loaded; reload the page and try again.",
  invalid_proof: "The service could not verify the proof.",
};

let busy = false;

function showResult(title: string, lines: string[], tone: "success" | "error" | "info"): void {
  const result = byId("join-result");
  result.replaceChildren(
    element("p", tone === "info" ? {} : { class: tone }, [title]),
    ...lines.map((line) => element("p", { class: "wrap" }, [line])),
  );
}

function setProgress(value: number | null): void {
  const row = byId("join-progress-row");
  const bar = byId<HTMLProgressElement>("join-progress");
  row.hidden = value === null;
  if (value !== null) bar.value = value;
}

function describeFailure(error: unknown, segmentId: string): [string, string[]] {
  if (error instanceof ApiError) {
    if (error.status === 409) {
      const original = (error.body as { receiptId?: string; receipt?: { receiptId?: string } } | null) ?? {};
      const receiptId = original.receiptId ?? original.receipt?.receiptId;
      return [
        `You already joined ${segmentId} with this identity.`,
        [
          "Each identity can join a segment once, so this proof was not counted again.",
          ...(receiptId ? [`Original receipt: ${receiptId}`] : []),
        ],
      ];
    }
    const explanation = REJECTIONS[error.code];
    return [`The service rejected the proof (${error.code}).`, [explanation ?? error.message]];
  }
  return ["The proof could not be generated.", [(error as Error).message]];
}

/** Proves membership of `loaded` in a worker, submits the package and reports every step in the live region. */
export async function joinSegment(
  loaded: LoadedSegment,
  identity: IdentityState,
  credential: CredentialState,
  handleInput: HTMLInputElement,
): Promise<void> {
  if (busy) return;
  const segmentId = loaded.segment.id;
  const handle = handleInput.value.trim();
  if (!identity.identity) return showResult("Create or import an identity first.", [], "error");
  if (!credential.credential || credential.text === null) return showResult("Load your credential first.", [], "error");
  if (handle === "") {
    showResult("Type a targeting handle first, so the shop can reach you.", [], "error");
    handleInput.focus();
    return;
  }
  const eligibility = eligibilityOf(loaded, identity, credential);
  if (eligibility && eligibility.kind !== "member") {
    const title =
      eligibility.kind === "not_in_segment" ? `You are not in ${segmentId}.` : `You cannot join ${segmentId}.`;
    return showResult(
      title,
      eligibility.reasons.map((reason) => `Reason: ${reason}.`),
      "error",
    );
  }

  busy = true;
  try {
    let pkg: ProofPackage;
    try {
      pkg = await proveSegmentInWorker(
        {
          identity: identity.identity,
          credential: credential.text,
          segment: loaded.terms.compiled,
          segmentId,
          scope: loaded.segment.scope,
          signal: handle,
        },
        (stage) => {
          const [value, text] = STAGES[stage];
          setProgress(value);
          showResult(text, [], "info");
        },
      );
    } catch (error) {
      setProgress(null);
      const [title, lines] = describeFailure(error, segmentId);
      return showResult(title, lines, "error");
    }
    try {
      const receipt = await apiRequest<{ receiptId: string }>(`/v1/segments/${encodeURIComponent(segmentId)}/proofs`, {
        method: "POST",
        body: pkg,
      });
      setProgress(100);
      showResult(
        `Joined ${segmentId}.`,
        [
          `Receipt: ${receipt.receiptId}`,
          "The shop received your proof, its nullifier and your targeting handle; your attributes stayed here.",
        ],
        "success",
      );
    } catch (error) {
      setProgress(null);
      const [title, lines] = describeFailure(error, segmentId);
      showResult(title, lines, "error");
    }
  } finally {
    busy = false;
  }
}
