// Identity section: create, import, export (copy) and forget the identity kept in localStorage.
import {
  createIdentity,
  exportIdentity,
  holderCommitment,
  type Identity,
  importIdentity,
} from "../../../prover/src/identity.js";
import { byId, showMessage } from "../shared/dom.js";
import { storedIdentity } from "./storage.js";

/** Identity state shared with the other sections. */
export interface IdentityState {
  identity: Identity | null;
  commitment: bigint | null;
}

/** Wires the identity section and calls `onChange` whenever the identity changes. */
export async function setUpIdentityPanel(state: IdentityState, onChange: () => void): Promise<void> {
  const status = byId("identity-status");
  const exportButton = byId<HTMLButtonElement>("identity-export");
  const exportPanel = byId("identity-export-panel");
  const exportText = byId<HTMLTextAreaElement>("identity-export-text");
  const forgetButton = byId<HTMLButtonElement>("identity-forget");
  const commitmentRow = byId("holder-commitment-row");
  const importInput = byId<HTMLInputElement>("identity-import-text");

  async function use(identity: Identity | null, message: string, tone: "info" | "success" | "error"): Promise<void> {
    state.identity = identity;
    state.commitment = identity ? await holderCommitment(identity) : null;
    storedIdentity.save(identity ? exportIdentity(identity) : null);
    exportButton.disabled = identity === null;
    forgetButton.disabled = identity === null;
    exportPanel.hidden = true;
    exportButton.setAttribute("aria-expanded", "false");
    exportText.value = "";
    commitmentRow.hidden = identity === null;
    byId("holder-commitment").textContent = state.commitment?.toString() ?? "";
    showMessage(status, message, tone);
    onChange();
  }

  byId("identity-create").addEventListener("click", () => {
    if (state.identity && !window.confirm("Replace your current identity? Export it first if you still need it."))
      return;
    void use(
      createIdentity(),
      "A new identity was created and saved in this browser. Export it to keep a backup.",
      "success",
    );
  });

  exportButton.addEventListener("click", () => {
    if (!state.identity) return;
    const opening = exportPanel.hidden;
    exportPanel.hidden = !opening;
    exportButton.setAttribute("aria-expanded", String(opening));
    exportText.value = opening ? exportIdentity(state.identity) : "";
    if (opening) exportText.focus();
  });

  byId("identity-copy").addEventListener("click", () => {
    exportText.select();
    navigator.clipboard.writeText(exportText.value).then(
      () => showMessage(status, "Identity copied to the clipboard. Store it like a password.", "success"),
      () => showMessage(status, "Copying failed; select the text and copy it by hand.", "error"),
    );
  });

  forgetButton.addEventListener("click", () => {
    if (!window.confirm("Forget this identity? Without an exported copy, your credential becomes unusable.")) return;
    void use(null, "The identity was removed from this browser.", "info");
  });

  byId<HTMLFormElement>("identity-import-form").addEventListener("submit", (event) => {
    event.preventDefault();
    let identity: Identity;
    try {
      identity = importIdentity(importInput.value.trim());
    } catch (error) {
      showMessage(status, `Import failed: ${(error as Error).message}`, "error");
      importInput.focus();
      return;
    }
    importInput.value = "";
    void use(identity, "Identity imported and saved in this browser.", "success");
  });

  const saved = storedIdentity.load();
  if (saved === null) {
    await use(null, "No identity yet. Create one, or import one you exported before.", "info");
    return;
  }
  try {
    await use(importIdentity(saved), "Your identity is loaded from this browser.", "info");
  } catch (error) {
    await use(null, `The stored identity could not be read (${(error as Error).message}); import a backup.`, "error");
  }
}
