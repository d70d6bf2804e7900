// Loads the circuit artifacts once per process and checks each file's sha256
// against the manifest compiled into the library, so a prover never runs a
// circuit or key other than the one its verifiers trust.
import manifest from "../../circuits/artifacts/manifest.json" with { type: "json" };
import { invalidInput, ZksegError } from "./errors.js";
import { bytesToHex } from "./secret.js";

/** Artifacts a prover or verifier loads. */
export type ArtifactKind = "wasm" | "zkey" | "verificationKey";

/**
 * Location of the artifacts. Node reads the package's circuits/artifacts folder
 * by default; browsers must set `baseUrl` (the folder that serves
 * segment_membership.wasm, segment_membership.zkey and verification_key.json).
 */
export interface ArtifactOptions {
  /** URL of the folder holding the artifact files, fetched with fetch(). */
  baseUrl?: string | URL;
  /** Node only: a local folder holding the artifact files. */
  directory?: string;
}

/** Expected sha256 (lowercase hex) and file name of each artifact, from circuits/artifacts/manifest.json. */
export const ARTIFACT_FILES: Readonly<Record<ArtifactKind, { file: string; sha256: string }>> = {
  wasm: fileEntry(manifest.artifacts.wasm),
  zkey: fileEntry(manifest.artifacts.zkey),
  verificationKey: fileEntry(manifest.artifacts.verificationKey),
};

function fileEntry(entry: { path: string; sha256: string }): { file: string; sha256: string } {
  return { file: entry.path.slice(entry.path.lastIndexOf("/") + 1), sha256: entry.sha256 };
}

/** Folders, relative to this module, where the package keeps circuits/artifacts (source and compiled layouts). */
const PACKAGE_ARTIFACT_DIRS = ["../../circuits/artifacts/", "../../../circuits/artifacts/"];

const cache = new Map<string, Promise<Uint8Array>>();

/** Tells whether this code runs in Node (not in a browser or a browser worker). */
export function isNode(): boolean {
  return typeof process !== "undefined" && typeof process.versions?.node === "string";
}

/** Computes the lowercase hex sha256 of `bytes` with WebCrypto, available in browsers and Node 20. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>)));
}

async function readNodeFile(directory: string | undefined, file: string): Promise<Uint8Array> {
  // Module names in variables keep browser bundlers from resolving Node built-ins.
  const fsName = "node:fs/promises";
  const urlName = "node:url";
  const fs = (await import(/* @vite-ignore */ fsName)) as typeof import("node:fs/promises");
  const url = (await import(/* @vite-ignore */ urlName)) as typeof import("node:url");
  const candidates = directory
    ? [`${directory.replace(/\/?$/, "/")}${file}`]
    : PACKAGE_ARTIFACT_DIRS.map((relative) => url.fileURLToPath(new URL(relative + file, import.meta.url)));
  for (const candidate of candidates) {
    try {
      return new Uint8Array(await fs.readFile(candidate));
    } catch (error) {
      if ((error as { code?: string }).code !== "ENOENT") throw error;
    }
  }
  throw invalidInput(
    "artifacts",
    `${file} not found in ${candidates.join(" or ")}; run npm run setup or set directory`,
  );
}

async function fetchFile(baseUrl: string | URL, file: string): Promise<Uint8Array> {
  const url = new URL(file, String(baseUrl).replace(/\/?$/, "/"));
  const response = await fetch(url);
  if (!response.ok) {
    throw invalidInput("artifacts", `fetching ${url} failed with HTTP ${response.status}; check artifacts.baseUrl`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function loadChecked(kind: ArtifactKind, options: ArtifactOptions): Promise<Uint8Array> {
  const { file, sha256: expected } = ARTIFACT_FILES[kind];
  let bytes: Uint8Array;
  if (options.baseUrl !== undefined) bytes = await fetchFile(options.baseUrl, file);
  else if (isNode()) bytes = await readNodeFile(options.directory, file);
  else throw invalidInput("artifacts.baseUrl", "is required in browsers; set it to the URL of the artifacts folder");
  const actual = await sha256Hex(bytes);
  if (actual !== expected) {
    throw new ZksegError(
      "artifact_mismatch",
      `artifact ${file} has sha256 ${actual} but the manifest expects ${expected}; reinstall the package or serve the files of this SDK version`,
      file,
    );
  }
  return bytes;
}

/**
 * Loads one artifact's bytes after checking its sha256, caching the result
 * per location for the life of the process. A failed load is not cached.
 *
 * @throws ZksegError("artifact_mismatch") naming the file and both hashes.
 */
export function loadArtifact(kind: ArtifactKind, options: ArtifactOptions = {}): Promise<Uint8Array> {
  const key = `${kind}|${options.baseUrl ?? ""}|${options.directory ?? ""}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = loadChecked(kind, options);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/** Loads and parses the Groth16 verification key after checking its sha256. */
export async function loadVerificationKey(options: ArtifactOptions = {}): Promise<object> {
  return JSON.parse(new TextDecoder().decode(await loadArtifact("verificationKey", options))) as object;
}
