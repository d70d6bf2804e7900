// Builds the customer page (/) and the marketer dashboard (/dashboard/) into web/dist.
// The proving artifacts are copied next to the pages, so a browser loads them from the
// same origin and no page fetches anything from another host.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const WEB_FOLDER = dirname(fileURLToPath(import.meta.url));
const ARTIFACT_FOLDER = resolve(WEB_FOLDER, "../circuits/artifacts");
const SERVED_ARTIFACTS = [
  "segment_membership.wasm",
  "segment_membership.zkey",
  "verification_key.json",
  "manifest.json",
];

/** Copies the wasm, zkey, verification key and manifest into dist/artifacts once the bundle is written. */
function copyProvingArtifacts(outDir: string): Plugin {
  return {
    name: "zkseg-copy-proving-artifacts",
    apply: "build",
    writeBundle() {
      const target = join(outDir, "artifacts");
      mkdirSync(target, { recursive: true });
      for (const file of SERVED_ARTIFACTS) copyFileSync(join(ARTIFACT_FOLDER, file), join(target, file));
    },
  };
}

const outDir = resolve(WEB_FOLDER, "dist");

export default defineConfig({
  root: resolve(WEB_FOLDER, "pages"),
  // Relative asset URLs let a server mount the pages under any prefix.
  base: "./",
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    // The SDK bundles snarkjs and circomlibjs, so the customer chunk is large by design.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        customer: resolve(WEB_FOLDER, "pages/index.html"),
        dashboard: resolve(WEB_FOLDER, "pages/dashboard/index.html"),
      },
    },
  },
  worker: { format: "es" },
  plugins: [copyProvingArtifacts(outDir)],
});
