// Helpers for the registry tests: public-signal edits and custom-error reverts as ethers v6 decodes them.
import assert from "node:assert/strict";
import type { SubmitArguments } from "../../contracts/deploy.js";

/** A custom error that ethers decoded from revert data. */
interface Revert {
  name: string;
  args: unknown[];
}

/** Awaits a call that must revert with the custom error `name` and, when given, exactly `args`. */
export async function expectRevert(call: Promise<unknown>, name: string, args?: unknown[]): Promise<void> {
  let revert: Revert | undefined;
  try {
    await call;
  } catch (error) {
    revert = (error as { revert?: Revert }).revert;
    assert.ok(revert, `expected revert ${name}, got: ${(error as Error).message}`);
  }
  assert.ok(revert, `expected revert ${name}, but the call succeeded`);
  assert.equal(revert.name, name);
  if (args) assert.deepEqual([...revert.args], args);
}

/** Returns submit arguments with public signal `index` replaced by `value`. */
export function withSignal(args: SubmitArguments, index: number, value: bigint): SubmitArguments {
  const publicSignals = [...args.publicSignals] as SubmitArguments["publicSignals"];
  publicSignals[index] = value;
  return { ...args, publicSignals };
}
