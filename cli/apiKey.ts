// `zkseg create-api-key NAME`: creates a marketer and prints its API key once.
import { main as serveMain } from "./serve.js";

export async function main(argv: string[]): Promise<void> {
  await serveMain(["create-api-key", ...argv]);
}
