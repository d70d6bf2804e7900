// The artifact manifest: hashes and provenance of every committed artifact,
// so that provers and verifiers can detect a file that drifted from its source.
import { createHash } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { TranscriptEntry } from "./ceremony.js";
import { ARTIFACTS, REPO_ROOT, SNARKJS_DIR } from "./paths.js";

export interface ArtifactEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  circuit: string;
  publicSignals: string[];
  constraints: number;
  ptauPower: number;
  circomVersion: string;
  circomFlags: string[];
  snarkjsVersion: string;
  r1csSha256: string;
  artifacts: Record<"wasm" | "zkey" | "verificationKey" | "ptau" | "solidityVerifier", ArtifactEntry>;
  ptauSource: string;
  transcript: TranscriptEntry[];
}

/** Public signal names in the order snarkjs emits them: outputs, then public inputs. */
export const PUBLIC_SIGNALS = ["nullifier", "segmentHash", "issuerKeyHash", "scope", "signalHash", "date"];

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function describeArtifact(file: string): Promise<ArtifactEntry> {
  const bytes = await readFile(file);
  return { path: path.relative(REPO_ROOT, file), sha256: sha256(bytes), bytes: (await stat(file)).size };
}

export async function snarkjsVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(SNARKJS_DIR, "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

export async function describeArtifacts(): Promise<Manifest["artifacts"]> {
  return {
    wasm: await describeArtifact(ARTIFACTS.wasm),
    zkey: await describeArtifact(ARTIFACTS.zkey),
    verificationKey: await describeArtifact(ARTIFACTS.verificationKey),
    ptau: await describeArtifact(ARTIFACTS.ptau),
    solidityVerifier: await describeArtifact(ARTIFACTS.solidityVerifier),
  };
}

export async function readManifest(): Promise<Manifest> {
  return JSON.parse(await readFile(ARTIFACTS.manifest, "utf8")) as Manifest;
}

export async function writeManifest(manifest: Manifest): Promise<void> {
  await writeFile(ARTIFACTS.manifest, JSON.stringify(manifest, null, 2) + "\n");
}
