// Customer page: identity, credential, published segments and joining, all proved on this device.
import "../shared/bufferPolyfill.js";
import { ApiError } from "../shared/api.js";
import { byId, showMessage } from "../shared/dom.js";
import { type CredentialState, setUpCredentialPanel } from "./credentialPanel.js";
import { type IdentityState, setUpIdentityPanel } from "./identityPanel.js";
import { joinSegment } from "./join.js";
import { type LoadedSegment, loadSegments, renderSegments } from "./segmentsPanel.js";
import { storedHandle } from "./storage.js";

const identity: IdentityState = { identity: null, commitment: null };
const credential: CredentialState = { credential: null, text: null };
let segments: LoadedSegment[] = [];

const handleInput = byId<HTMLInputElement>("handle");

function render(): void {
  renderSegments(segments, identity, credential, (loaded) => {
    void joinSegment(loaded, identity, credential, handleInput);
  });
}

async function start(): Promise<void> {
  handleInput.value = storedHandle.load() ?? "";
  handleInput.addEventListener("change", () => storedHandle.save(handleInput.value.trim() || null));
  await setUpIdentityPanel(identity, render);
  await setUpCredentialPanel(credential, render);
  try {
    segments = await loadSegments();
    render();
  } catch (error) {
    const detail = error instanceof ApiError ? `${error.message} (HTTP ${error.status})` : (error as Error).message;
    showMessage(
      byId("segments-status"),
      `Published segments could not be loaded: ${detail}. Reload to retry.`,
      "error",
    );
  }
}

void start();
