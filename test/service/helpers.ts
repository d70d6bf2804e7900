// HTTP helpers for the service tests: a service on port 0 with captured pino
// output, and small JSON request functions.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { createService, type ZksegService } from "../../verifier-service/service.js";
import type { ServiceConfig } from "../../verifier-service/config.js";
import { DEFINITION, issuerPublicKey, proofPackage, type ProofPackage } from "./fixtures.js";

export interface TestService {
  service: ZksegService;
  url: string;
  /** Every log line the service wrote, as raw JSON text. */
  logs: string[];
  stop(): Promise<void>;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  // Tests read response fields directly; the shapes are checked by assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "zkseg-service-"));
}

/** Starts a service on a free loopback port with logs captured in memory. */
export async function startTestService(overrides: Partial<ServiceConfig> = {}): Promise<TestService> {
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(
        ...chunk
          .toString()
          .split("\n")
          .filter((line: string) => line !== ""),
      );
      callback();
    },
  });
  const service = await createService({
    poolSize: 1,
    rateLimit: 100_000,
    logDestination,
    logLevel: "info",
    ...overrides,
  });
  const url = await service.start(0);
  return { service, url, logs, stop: () => service.stop() };
}

export async function request(
  url: string,
  options: { method?: string; body?: unknown; rawBody?: string; apiKey?: string } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Creates a marketer and a segment over DEFINITION trusting fixture issuer 0, and proves `signal` for it. */
export async function segmentWithProof(
  test: TestService,
  signal: string,
  holder = 0,
): Promise<{ apiKey: string; segment: { id: string; scope: string }; pkg: ProofPackage; proofsUrl: string }> {
  const { apiKey } = await test.service.createApiKey("Acme Retail");
  const created = await request(`${test.url}/v1/segments`, {
    apiKey,
    body: { definition: DEFINITION, trustedIssuers: [await issuerPublicKey(0)] },
  });
  if (created.status !== 201) throw new Error(`segment creation failed: ${JSON.stringify(created.body)}`);
  const segment = created.body as { id: string; scope: string };
  const pkg = await proofPackage({ segmentId: segment.id, scope: BigInt(segment.scope), signal, holder });
  return { apiKey, segment, pkg, proofsUrl: `${test.url}/v1/segments/${segment.id}/proofs` };
}
