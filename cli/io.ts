// File, option and network helpers shared by the CLI commands.
import { readFile, writeFile } from "node:fs/promises";
import { registerSchema, type CredentialSchema } from "../prover/src/schema.js";
import { requireValidDate } from "../prover/src/dates.js";

/** Reads a file, naming the option it came from when it is missing. */
export async function readText(file: string, option: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new Error(`cannot read ${option} ${file}: ${reason}`);
  }
}

export async function readJson(file: string, option: string): Promise<unknown> {
  const text = await readText(file, option);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse quotes the start of the file, which could be a secret (an identity passed by mistake).
    throw new Error(`${option} ${file} is not valid JSON; check that you passed the right file`);
  }
}

/** Writes JSON to `file`, or to standard output when no file is given. */
export async function writeJson(file: string | undefined, value: unknown): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (file) await writeFile(file, text, { mode: 0o600 });
  else process.stdout.write(text);
}

export function requireOption<T>(value: T | undefined, option: string, usage: string): T {
  if (value === undefined) throw new Error(`missing ${option}\n\n${usage}`);
  return value;
}

/** A segment as GET /v1/segments/:id publishes it. */
export interface PublishedSegment {
  id: string;
  definition: string;
  schema: string;
  segmentHash: string;
  scope: string;
  trustedIssuers: { keyHash: string }[];
}

/** Fetches a segment's public description from the verifier service. */
export async function fetchSegment(url: string): Promise<PublishedSegment> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${url} failed with HTTP ${response.status}; check the segment URL`);
  return (await response.json()) as PublishedSegment;
}

/** Registers the custom credential schema of a --schema-file option, when one is given. */
export async function registerSchemaFile(file: string | undefined): Promise<void> {
  if (file) registerSchema((await readJson(file, "--schema-file")) as CredentialSchema);
}

/** Parses a YYYYMMDD date option, echoing the text it got when it is not one. */
export function parseDateOption(text: string, option: string): number {
  if (!/^[0-9]{8}$/.test(text)) throw new Error(`invalid ${option} "${text}": write the day as YYYYMMDD`);
  return requireValidDate(Number(text), option);
}
