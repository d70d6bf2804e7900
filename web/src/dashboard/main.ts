// Marketer dashboard: sign in with an API key, create segments, watch counts and joins, export audiences.
import "../shared/bufferPolyfill.js";
import { ApiError, apiRequest, type PublicSegment } from "../shared/api.js";
import { byId, showMessage } from "../shared/dom.js";
import { definitionFromFields, type SegmentFormFields, segmentRequestFromFields } from "./definitionForm.js";
import { refreshSegments } from "./segmentTable.js";
import { session } from "./session.js";

const signedIn = byId("signed-in");
const signInStatus = byId("signin-status");
const signOut = byId<HTMLButtonElement>("signout");
const form = byId<HTMLFormElement>("segment-form");
const createStatus = byId("create-status");

function value(id: string): string {
  return byId<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(id).value;
}

function formFields(): SegmentFormFields {
  return {
    ageMin: value("age-min"),
    ageMax: value("age-max"),
    spendAtLeast: value("spend-tier"),
    incomeAtLeast: value("income-tier"),
    regionMode: value("region-mode") as SegmentFormFields["regionMode"],
    regionValues: value("region-values"),
    tierMode: value("tier-mode") as SegmentFormFields["tierMode"],
    tierValues: value("tier-values"),
    issuers: value("issuers"),
    validFrom: value("valid-from"),
    validUntil: value("valid-until"),
  };
}

function updatePreview(): void {
  const preview = byId("definition-preview");
  try {
    preview.textContent = definitionFromFields(formFields());
  } catch (error) {
    preview.textContent = (error as Error).message;
  }
}

async function enter(apiKey: string): Promise<void> {
  showMessage(signInStatus, "Checking the API key…");
  try {
    await apiRequest<{ segments: PublicSegment[] }>("/v1/segments", { apiKey });
  } catch (error) {
    const reason =
      error instanceof ApiError && error.status === 401 ? "the key was not accepted" : (error as Error).message;
    showMessage(signInStatus, `Sign-in failed: ${reason}.`, "error");
    session.clear();
    return;
  }
  session.save(apiKey);
  signedIn.hidden = false;
  signOut.hidden = false;
  byId("signin-form").hidden = true;
  showMessage(signInStatus, "Signed in.", "success");
  await refreshSegments(apiKey);
}

byId<HTMLFormElement>("signin-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = byId<HTMLInputElement>("api-key");
  const apiKey = input.value.trim();
  input.value = "";
  if (apiKey !== "") void enter(apiKey);
});

signOut.addEventListener("click", () => {
  session.clear();
  signedIn.hidden = true;
  signOut.hidden = true;
  byId("signin-form").hidden = false;
  showMessage(signInStatus, "Signed out.");
  byId("api-key").focus();
});

form.addEventListener("input", updatePreview);
form.addEventListener("change", updatePreview);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const apiKey = session.load();
  if (!apiKey) return showMessage(createStatus, "Sign in first.", "error");
  let body;
  try {
    body = segmentRequestFromFields(formFields());
  } catch (error) {
    return showMessage(createStatus, `Not created: ${(error as Error).message}`, "error");
  }
  apiRequest<PublicSegment>("/v1/segments", { method: "POST", apiKey, body }).then(
    async (segment) => {
      showMessage(createStatus, `Created segment ${segment.id}: ${segment.definition}.`, "success");
      await refreshSegments(apiKey);
    },
    (error: unknown) => {
      const field = error instanceof ApiError && error.field ? ` (field ${error.field})` : "";
      showMessage(createStatus, `Not created: ${(error as Error).message}${field}`, "error");
    },
  );
});

byId("refresh").addEventListener("click", () => {
  const apiKey = session.load();
  if (apiKey) void refreshSegments(apiKey);
});

const saved = session.load();
if (saved) void enter(saved);
