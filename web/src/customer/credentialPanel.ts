// Credential section: load a credential file by drag and drop or file picker and check it locally.
import { type Credential, parseCredential } from "../../../prover/src/credential.js";
import { byId, showMessage } from "../shared/dom.js";
import { isoDate } from "./eligibility.js";
import { storedCredential } from "./storage.js";

/** Credential state shared with the other sections; `text` is the document as loaded. */
export interface CredentialState {
  credential: Credential | null;
  text: string | null;
}

/** Largest credential file read, in bytes; real documents are about 2 kB. */
const MAX_CREDENTIAL_BYTES = 64 * 1024;

/** Wires the credential section and calls `onChange` whenever the credential changes. */
export async function setUpCredentialPanel(state: CredentialState, onChange: () => void): Promise<void> {
  const status = byId("credential-status");
  const drop = byId("credential-drop");
  const fileInput = byId<HTMLInputElement>("credential-file");
  const forget = byId<HTMLButtonElement>("credential-forget");

  async function load(text: string | null, source: string): Promise<void> {
    if (text === null) {
      state.credential = null;
      state.text = null;
      storedCredential.save(null);
      forget.hidden = true;
      showMessage(status, "No credential loaded.");
      onChange();
      return;
    }
    try {
      const credential = await parseCredential(text);
      state.credential = credential;
      state.text = text;
      storedCredential.save(text);
      forget.hidden = false;
      const expiry = isoDate(credential.expiresAt);
      showMessage(
        status,
        `Credential ${source}: schema ${credential.schema.name}@${credential.schema.version}, signature valid, expires ${expiry}.`,
        "success",
      );
    } catch (error) {
      showMessage(status, `This credential cannot be used: ${(error as Error).message}`, "error");
    }
    onChange();
  }

  async function readFile(file: File | undefined): Promise<void> {
    if (!file) return;
    if (file.size > MAX_CREDENTIAL_BYTES) {
      showMessage(status, `${file.name} is ${file.size} bytes; a credential file is at most 64 kB.`, "error");
      return;
    }
    await load(await file.text(), `loaded from ${file.name}`);
  }

  fileInput.addEventListener("change", () => {
    void readFile(fileInput.files?.[0]);
    fileInput.value = "";
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("dragging");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("dragging");
    void readFile(event.dataTransfer?.files[0]);
  });
  forget.addEventListener("click", () => {
    void load(null, "");
    fileInput.focus();
  });

  const saved = storedCredential.load();
  if (saved !== null) await load(saved, "loaded from this browser");
}
