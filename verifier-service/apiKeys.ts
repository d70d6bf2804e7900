// Marketer API keys. The service stores only SHA-256 hashes: a leaked database
// does not leak usable keys. 32 random bytes make a key that no one can guess,
// so a fast hash without salt is enough.
import crypto from "node:crypto";
import type { Marketer, Repository } from "./data/repository.js";

const KEY_PREFIX = "zks_";

export function hashApiKey(apiKey: string): string {
  return crypto.createHash("sha256").update(apiKey, "utf8").digest("hex");
}

/** Creates a marketer and returns its new API key; the key is not stored and cannot be shown again. */
export async function issueApiKey(
  repository: Repository,
  name: string,
): Promise<{ marketer: Marketer; apiKey: string }> {
  const trimmed = name.trim();
  if (trimmed === "" || trimmed.length > 200) {
    throw new Error(`invalid marketer name ${JSON.stringify(name)}: expected 1 to 200 characters`);
  }
  const apiKey = `${KEY_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const marketer = { id: `mkt_${crypto.randomBytes(8).toString("hex")}`, name: trimmed };
  await repository.insertMarketer(marketer, hashApiKey(apiKey));
  return { marketer, apiKey };
}
