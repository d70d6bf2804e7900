// The customer page and the marketer dashboard in headless Chromium against the real verifier
// service (PGlite in a temporary folder, k-anonymity 1), with credentials issued by the SDK.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { generateIssuerKey, importIdentity, issueCredential, type IssuerKey } from "../../prover/src/index.js";
import { identitySecret } from "../../prover/src/identity.js";
import { createService, type ZksegService } from "../../verifier-service/service.js";
import { captureRequests, ensureWebBuilt, launchChromium, tabTo } from "./helpers/browser.js";

const SCREENSHOTS = path.resolve("docs/screenshots");
/** Segment the test customers are in; region and tier codes are long so their digits are recognisable. */
const MEMBER_SEGMENT = "age 25 to 44, spend12m at least 50000, region in {40417, 9}";
/** Segment no test customer is in: spend12m of 9,000,000.00 or more. */
const OUT_SEGMENT = "spend12m at least 900000000";
/**
 * Attribute values of the test credentials. Every value has at least five digits, so finding its
 * decimal string in a request means the value leaked, not that an unrelated number matched.
 */
const ATTRIBUTES = {
  birthDate: "19900515",
  spend12m: "7345678",
  income: "6543219",
  customerSince: "20150302",
  region: "40417",
  loyaltyTier: "70001",
  spare6: "864209",
  spare7: "975311",
};
/** Expiry date, in the past, of the expired test credential. */
const EXPIRED_ON = 20241231;
const EXPIRED_ON_ISO = "2024-12-31";
/** First proof date, far in the future, of the segment that is not open yet. */
const NOT_OPEN_UNTIL = 20990101;
const NOT_OPEN_UNTIL_ISO = "2099-01-01";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

interface Segment {
  id: string;
}

describe("web pages", function () {
  this.timeout(600_000);
  let service: ZksegService;
  let baseUrl: string;
  let apiKey: string;
  let issuer: IssuerKey;
  /** The one issuer every segment trusts, as the API takes it: [Ax, Ay] in decimal. */
  let trustedIssuers: string[][];
  let memberSegment: Segment;
  let browser: Browser;
  let workFolder: string;

  async function api<T>(route: string, body?: unknown): Promise<T> {
    const response = await fetch(baseUrl + route, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${route} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** Creates an identity in the page and loads a credential issued to it; returns the exported identity. */
  async function setUpCustomer(page: Page, fileName: string): Promise<string> {
    await page.goto(baseUrl + "/");
    await page.getByRole("button", { name: "Create identity" }).click();
    await page.locator("#holder-commitment-row:not([hidden])").waitFor();
    await loadCredential(page, fileName);
    return (await page.evaluate(() => localStorage.getItem("zkseg.identity"))) ?? "";
  }

  /**
   * Issues a credential to the page's identity with `signer` and loads it with the file picker.
   * Each call needs its own `fileName`, because this waits for a status line that names the file.
   */
  async function loadCredential(page: Page, fileName: string, signer = issuer, expiresAt = 20301231): Promise<void> {
    const commitment = (await page.locator("#holder-commitment").textContent()) ?? "";
    const document = await issueCredential(signer, commitment, ATTRIBUTES, { expiresAt });
    const file = path.join(workFolder, fileName);
    writeFileSync(file, JSON.stringify(document, null, 2));
    await page.setInputFiles("#credential-file", file);
    await page.getByText(`Credential loaded from ${fileName}: schema retail@1, signature valid`).waitFor();
  }

  async function dashboardCount(page: Page, segmentId: string): Promise<string> {
    await page.goto(baseUrl + "/dashboard/");
    if (await page.locator("#signin-form:not([hidden])").isVisible()) {
      await page.getByLabel("Marketer API key").fill(apiKey);
      await page.getByRole("button", { name: "Sign in" }).click();
    }
    const cell = page.locator(`tr[data-segment-id="${segmentId}"] td.count`);
    await cell.waitFor();
    return (await cell.textContent()) ?? "";
  }

  function joinResult(page: Page) {
    return page.locator("#join-result");
  }

  before(async function () {
    ensureWebBuilt();
    workFolder = mkdtempSync(path.join(tmpdir(), "zkseg-web-"));
    service = await createService({
      dataDir: path.join(workFolder, "db"),
      kAnonymity: 1,
      poolSize: 1,
      logLevel: "silent",
    });
    baseUrl = await service.start(0);
    ({ apiKey } = await service.createApiKey("web test shop"));
    issuer = await generateIssuerKey();
    trustedIssuers = [[issuer.publicKey[0].toString(), issuer.publicKey[1].toString()]];
    memberSegment = await api<Segment>("/v1/segments", { definition: MEMBER_SEGMENT, trustedIssuers });
    await api<Segment>("/v1/segments", { definition: OUT_SEGMENT, trustedIssuers });
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
    await service?.stop();
    if (workFolder) rmSync(workFolder, { recursive: true, force: true });
  });

  describe("customer joins by mouse", function () {
    let context: BrowserContext;
    let page: Page;
    let exportedIdentity: string;
    let capture: ReturnType<typeof captureRequests>;

    before(async function () {
      context = await browser.newContext({ viewport: DESKTOP });
      page = await context.newPage();
      capture = captureRequests(page);
      exportedIdentity = await setUpCustomer(page, "mouse-credential.json");
    });

    after(async function () {
      await context?.close();
    });

    it("join raises the dashboard count by one", async function () {
      const dashboard = await context.newPage();
      assert.equal(await dashboardCount(dashboard, memberSegment.id), "fewer than 1");

      await page.getByRole("textbox", { name: /Targeting handle/ }).fill("ad-id-mouse-0001");
      await page.getByRole("button", { name: `Join ${memberSegment.id}` }).click();
      await joinResult(page).getByText(`Joined ${memberSegment.id}.`).waitFor({ timeout: 300_000 });
      const receipt = await joinResult(page)
        .getByText(/^Receipt: /)
        .textContent();
      assert.match(receipt ?? "", /^Receipt: \S+/);

      assert.equal(await dashboardCount(dashboard, memberSegment.id), "1");
      await dashboard.close();
    });

    it("not-in-segment reason is shown", async function () {
      const reason = page.locator("li", { hasText: "spend12m at least 900000000" }).locator(".no-match");
      assert.equal(await reason.textContent(), "Not in segment: spend12m is below 900000000");
    });

    it("second join shows the 409", async function () {
      await page.getByRole("button", { name: `Join ${memberSegment.id}` }).click();
      await joinResult(page).getByText(`You already joined ${memberSegment.id}`).waitFor({ timeout: 300_000 });
      assert.match((await joinResult(page).textContent()) ?? "", /Original receipt: \S+/);
    });

    it("requests carry no attribute or secret", async function () {
      capture.stop();
      const requests = await capture.requests;
      const secret = identitySecret(importIdentity(exportedIdentity));
      const forbidden = [
        ...Object.entries(ATTRIBUTES).map(([name, value]) => [`attribute ${name}`, value]),
        ["exported identity", exportedIdentity],
        ["secret (decimal)", secret.toString()],
        ["secret (hex)", secret.toString(16)],
      ];
      const proofPosts = requests.filter((request) => request.method === "POST" && request.url.endsWith("/proofs"));
      assert.equal(proofPosts.length, 2, "expected the first join and the repeated join");
      assert.ok(
        requests.some((request) => request.url.endsWith("/artifacts/segment_membership.zkey")),
        "the worker's artifact fetch was not captured",
      );
      for (const request of requests) {
        const text = [request.url, JSON.stringify(request.headers), request.body].join("\n");
        for (const [what, value] of forbidden) {
          assert.ok(!text.includes(value), `${what} appears in ${request.method} ${request.url}`);
        }
      }
      const sent = JSON.parse(proofPosts[0].body) as Record<string, unknown>;
      assert.deepEqual(Object.keys(sent).sort(), ["proof", "publicSignals", "scope", "segmentId", "signal", "version"]);
      assert.equal(sent.signal, "ad-id-mouse-0001");
    });
  });

  describe("customer joins by keyboard", function () {
    let context: BrowserContext;
    let page: Page;

    before(async function () {
      context = await browser.newContext({ viewport: PHONE });
      page = await context.newPage();
    });

    after(async function () {
      await context?.close();
    });

    it("keyboard alone joins a segment", async function () {
      await page.goto(baseUrl + "/");
      await tabTo(page, "#identity-create");
      await page.keyboard.press("Enter");
      await page.locator("#holder-commitment-row:not([hidden])").waitFor();
      const commitment = (await page.locator("#holder-commitment").textContent()) ?? "";
      const document = await issueCredential(issuer, commitment, ATTRIBUTES, { expiresAt: 20301231 });
      const file = path.join(workFolder, "keyboard-credential.json");
      writeFileSync(file, JSON.stringify(document));

      await tabTo(page, "#credential-file");
      const chooser = page.waitForEvent("filechooser");
      await page.keyboard.press("Space");
      await (await chooser).setFiles(file);
      await page.getByText("signature valid").waitFor();

      await tabTo(page, "#handle");
      await page.keyboard.type("ad-id-keyboard-0002");
      await tabTo(page, `button[aria-describedby^="segment-${memberSegment.id}-name"]`);
      await page.keyboard.press("Enter");
      await joinResult(page).getByText(`Joined ${memberSegment.id}.`).waitFor({ timeout: 300_000 });
      assert.equal(await dashboardCount(await context.newPage(), memberSegment.id), "2");
    });
  });

  describe("screenshots", function () {
    it("pages at desktop and phone size", async function () {
      for (const [size, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await setUpCustomer(page, `screenshot-${size}.json`);
        await page.locator("#segment-list .match").first().waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, `customer-${size}.png`), fullPage: true });
        await dashboardCount(page, memberSegment.id);
        await page.getByRole("button", { name: `Show joins of ${memberSegment.id}` }).click();
        await page.locator("#joins-chart svg").waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${size}.png`), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the dashboard at ${size} size scrolls sideways by ${overflow} px`);
        await context.close();
      }
    });
  });

  // Each case is decided on the device before proving, so none of them makes a proof. The segment that
  // is not open yet is created here, after the screenshots, so it does not appear in them.
  describe("customer cannot join", function () {
    let context: BrowserContext;
    let page: Page;
    let capture: ReturnType<typeof captureRequests>;
    let futureSegment: Segment;

    function segmentStatus(segmentId: string) {
      return page.locator(`[id="segment-${segmentId}-status"]`);
    }

    /** Checks that the segment's status line and the join result after clicking Join both give `reason`. */
    async function assertCannotJoin(segmentId: string, reason: string): Promise<void> {
      assert.equal(await segmentStatus(segmentId).textContent(), `Cannot join: ${reason}`);
      await page.getByRole("button", { name: `Join ${segmentId}` }).click();
      await joinResult(page).getByText(`You cannot join ${segmentId}.`).waitFor();
      const paragraphs = await joinResult(page).locator("p").allTextContents();
      assert.deepEqual(paragraphs, [`You cannot join ${segmentId}.`, `Reason: ${reason}.`]);
      assert.equal(await page.locator("#join-progress-row").isHidden(), true, "the proving progress bar is shown");
    }

    before(async function () {
      futureSegment = await api<Segment>("/v1/segments", {
        definition: MEMBER_SEGMENT,
        trustedIssuers,
        validFrom: NOT_OPEN_UNTIL,
      });
      context = await browser.newContext({ viewport: DESKTOP });
      page = await context.newPage();
      capture = captureRequests(page);
      await setUpCustomer(page, "valid-credential.json");
      await page.getByRole("textbox", { name: /Targeting handle/ }).fill("ad-id-blocked-0003");
    });

    after(async function () {
      await context?.close();
    });

    it("segment not open yet", async function () {
      await assertCannotJoin(futureSegment.id, `this segment opens on ${NOT_OPEN_UNTIL_ISO}`);
    });

    it("expired credential", async function () {
      await loadCredential(page, "expired-credential.json", issuer, EXPIRED_ON);
      assert.equal(
        await page.locator("#credential-status").textContent(),
        `Credential loaded from expired-credential.json: schema retail@1, signature valid, expires ${EXPIRED_ON_ISO}.`,
      );
      const reason = `your credential expired on ${EXPIRED_ON_ISO}; ask your issuer for a new one`;
      await assertCannotJoin(memberSegment.id, reason);
    });

    it("untrusted issuer", async function () {
      await loadCredential(page, "untrusted-credential.json", await generateIssuerKey());
      await assertCannotJoin(memberSegment.id, "this segment does not trust the issuer of your credential");
    });

    it("no proof starts", async function () {
      capture.stop();
      const requests = await capture.requests;
      const artifactUrls = requests
        .filter((request) => request.url.includes("/artifacts/"))
        .map((request) => request.url);
      const postUrls = requests.filter((request) => request.method === "POST").map((request) => request.url);
      assert.deepEqual(artifactUrls, [], "the prover fetched its artifacts");
      assert.deepEqual(postUrls, [], "the page sent a POST");
    });
  });
});
