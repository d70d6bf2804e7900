// Published segments: load them, show locally whether the credential matches, and offer Join.
import { compileSegment } from "../../../prover/src/segment/compile.js";
import { toDateNumber } from "../../../prover/src/dates.js";
import { apiRequest, type PublicSegment } from "../shared/api.js";
import { byId, element, showMessage } from "../shared/dom.js";
import type { CredentialState } from "./credentialPanel.js";
import { checkEligibility, type Eligibility, type SegmentTerms } from "./eligibility.js";
import type { IdentityState } from "./identityPanel.js";

/** A published segment with its compiled definition, ready to check and prove against. */
export interface LoadedSegment {
  segment: PublicSegment;
  terms: SegmentTerms;
}

/** Fetches every published segment and compiles each definition with the SDK. */
export async function loadSegments(): Promise<LoadedSegment[]> {
  const { segments } = await apiRequest<{ segments: PublicSegment[] }>("/v1/public/segments");
  return Promise.all(
    segments.map(async (segment) => ({
      segment,
      terms: {
        compiled: await compileSegment(segment.definition, segment.schema),
        trustedIssuers: segment.trustedIssuers.map((issuer) => issuer.publicKey),
        validFrom: segment.validFrom ?? undefined,
        validUntil: segment.validUntil ?? undefined,
      },
    })),
  );
}

/** Returns the eligibility of the loaded credential, or null when identity or credential is missing. */
export function eligibilityOf(
  loaded: LoadedSegment,
  identity: IdentityState,
  credential: CredentialState,
): Eligibility | null {
  if (!identity.identity || !credential.credential) return null;
  return checkEligibility(credential.credential, identity.commitment, loaded.terms, toDateNumber(new Date()));
}

function statusText(eligibility: Eligibility | null, identity: IdentityState): [string, string] {
  if (!identity.identity) return ["Create or import an identity to check this segment.", "help"];
  if (!eligibility) return ["Load your credential to check this segment.", "help"];
  if (eligibility.kind === "member") return ["You are in this segment.", "match"];
  const prefix = eligibility.kind === "not_in_segment" ? "Not in segment: " : "Cannot join: ";
  return [prefix + eligibility.reasons.join("; "), "no-match"];
}

/** Renders the segment list; each Join button calls `onJoin` with its segment. */
export function renderSegments(
  segments: LoadedSegment[],
  identity: IdentityState,
  credential: CredentialState,
  onJoin: (loaded: LoadedSegment, button: HTMLButtonElement) => void,
): void {
  const list = byId("segment-list");
  list.replaceChildren(
    ...segments.map((loaded) => {
      const { segment } = loaded;
      const headingId = `segment-${segment.id}-name`;
      const statusId = `segment-${segment.id}-status`;
      const [text, tone] = statusText(eligibilityOf(loaded, identity, credential), identity);
      const button = element("button", { type: "button", "aria-describedby": `${headingId} ${statusId}` }, [
        `Join ${segment.id}`,
      ]);
      button.addEventListener("click", () => onJoin(loaded, button));
      return element("li", {}, [
        element("h3", { id: headingId }, [segment.id]),
        element("p", {}, [element("code", { class: "wrap" }, [loaded.terms.compiled.text])]),
        element("p", { id: statusId, class: tone }, [text]),
        button,
      ]);
    }),
  );
  const count = segments.length;
  showMessage(
    byId("segments-status"),
    count === 0 ? "No segments are published yet." : `${count} published segment${count === 1 ? "" : "s"}.`,
  );
}
