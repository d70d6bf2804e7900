// Browser test helpers: the built pages, Debian's Chromium through playwright-core, request capture
// and keyboard-only navigation.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page, type Request } from "playwright-core";
import { isWebBuilt } from "../../../web/index.js";

/** Debian's chromium package; playwright-core downloads no browser of its own here. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Builds web/dist with Vite unless both pages are already built. */
export function ensureWebBuilt(): void {
  if (isWebBuilt()) return;
  execFileSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], { stdio: "inherit" });
}

/** Launches headless Chromium, or throws telling how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing; install it with "apt-get update && apt-get install -y chromium"`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** One request as the page sent it: URL, every header and the body. */
export interface CapturedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Records every request of the page, including those of its Web Workers, until the test reads them. */
export function captureRequests(page: Page): { requests: Promise<CapturedRequest[]> } & { stop(): void } {
  const pending: Promise<CapturedRequest>[] = [];
  const listener = (request: Request): void => {
    pending.push(
      request.allHeaders().then((headers) => ({
        url: request.url(),
        method: request.method(),
        headers,
        body: request.postData() ?? "",
      })),
    );
  };
  page.on("request", listener);
  return {
    get requests() {
      return Promise.all(pending);
    },
    stop: () => page.off("request", listener),
  };
}

/**
 * Presses Tab (at most `limit` times) until the focused element matches `selector`, as a keyboard
 * user would, and fails when it is never reached.
 */
export async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} was not reached after ${limit} presses of Tab`);
}
