// Node-side entry of the web pages: where the built files are and how a server mounts them.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express } from "express";

const WEB_FOLDER = dirname(fileURLToPath(import.meta.url));

/**
 * Content-Security-Policy of the pages, replacing a stricter API default: the prover compiles the circuit's
 * WebAssembly ('wasm-unsafe-eval') and snarkjs starts helper workers from blob: URLs. Every other
 * source is this origin only, so no page loads scripts, styles or fonts from another host.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Returns the absolute path of the built pages (web/dist), which `npm run build:web` writes. */
export function webRoot(): string {
  return join(WEB_FOLDER, "dist");
}

/** Returns true when web/dist contains both built pages. */
export function isWebBuilt(): boolean {
  return existsSync(join(webRoot(), "index.html")) && existsSync(join(webRoot(), "dashboard", "index.html"));
}

/**
 * Serves the customer page at `/` and the marketer dashboard at `/dashboard/`
 * from web/dist. Mount it after the API routes so /v1 paths never reach it.
 * Throws when the pages are not built, so a server does not start with a blank site.
 */
export function mountWebPages(app: Express): void {
  if (!isWebBuilt()) {
    throw new Error(`web pages are not built: ${webRoot()} has no index.html; run "npm run build:web"`);
  }
  app.use(
    express.static(webRoot(), {
      index: "index.html",
      redirect: true,
      fallthrough: true,
      setHeaders: (res) => res.setHeader("Content-Security-Policy", PAGE_CONTENT_SECURITY_POLICY),
    }),
  );
}
