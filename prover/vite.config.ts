// Vite 7 builds of the SDK for browsers.
//   npx vite build -c prover/vite.config.ts                   library: build/sdk-dist/{index,worker}.js
//   npx vite build -c prover/vite.config.ts --mode test-page  browser test page: build/sdk-browser
// Artifacts are not bundled: pages serve circuits/artifacts and pass its URL as artifactsBaseUrl.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vite";
import { nodePolyfills } from "vite-plugin-node-polyfills";

const PROVER_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(PROVER_DIR, "..");

/** Output folder of the browser test page, served by test/browser/sdk.test.ts. */
export const TEST_PAGE_DIR = resolve(REPO_ROOT, "build/sdk-browser");

// circomlibjs 0.1.7 calls the global Buffer and imports assert and events
// (through blake-hash), which browsers lack, so the bundle carries polyfills.
const polyfills = () => nodePolyfills({ include: ["buffer", "assert", "events"], globals: { Buffer: true } });

const shared: UserConfig = {
  publicDir: false,
  plugins: [polyfills()],
  worker: { format: "es", plugins: () => [polyfills()] },
  build: {
    target: "es2022",
    // snarkjs, circomlibjs and ethers make one large chunk by design.
    chunkSizeWarningLimit: 4000,
    emptyOutDir: true,
  },
};

export default defineConfig(({ mode }) => {
  if (mode === "test-page") {
    return {
      ...shared,
      root: resolve(REPO_ROOT, "test/browser/sdk-page"),
      base: "./",
      build: { ...shared.build, outDir: TEST_PAGE_DIR },
    };
  }
  return {
    ...shared,
    build: {
      ...shared.build,
      outDir: resolve(REPO_ROOT, "build/sdk-dist"),
      lib: {
        entry: { index: resolve(PROVER_DIR, "src/index.ts"), worker: resolve(PROVER_DIR, "src/browser/worker.ts") },
        formats: ["es"],
      },
    },
  };
});
