// Starts and stops a local anvil chain on a free loopback port, for the
// contract tests, the gas measurement and the campaign.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { REPO_ROOT } from "../circuits/setup/paths.js";

/** A running anvil process and the JSON-RPC URL it serves. */
export interface AnvilInstance {
  rpcUrl: string;
  port: number;
  chainId: bigint;
  /** Stops anvil: SIGTERM, then SIGKILL after 5 s. Safe to call twice. */
  stop(): Promise<void>;
}

export interface AnvilOptions {
  /** Genesis block timestamp in unix seconds; anvil uses the wall clock when omitted. */
  genesisTimestamp?: number;
  /** Chain id; anvil's default is 31337. */
  chainId?: number;
  /** Milliseconds to wait for the JSON-RPC server to respond before giving up. */
  readyTimeoutMs?: number;
}

const LOOPBACK = "127.0.0.1";

/**
 * Returns the anvil binary. The platform package's binary is spawned directly
 * because the node_modules/.bin wrapper is a node process of its own: killing
 * the wrapper could leave the real anvil running.
 */
export function anvilBinary(): string {
  const require = createRequire(path.join(REPO_ROOT, "package.json"));
  try {
    const packageJson = require.resolve(`@foundry-rs/anvil-${process.platform}-${process.arch}/package.json`);
    const binary = path.join(path.dirname(packageJson), "bin", "anvil");
    if (existsSync(binary)) return binary;
  } catch {
    // Fall through to the wrapper below.
  }
  const wrapper = path.join(REPO_ROOT, "node_modules/.bin/anvil");
  if (!existsSync(wrapper)) {
    throw new Error(`anvil not found at ${wrapper}; run \`npm install\` to install @foundry-rs/anvil`);
  }
  return wrapper;
}

/** Asks the OS for a free TCP port on 127.0.0.1 by listening on port 0 and closing again. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not read the port of a probe server on 127.0.0.1"));
      });
    });
  });
}

async function rpcChainId(rpcUrl: string): Promise<bigint | undefined> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    const body = (await response.json()) as { result?: string };
    return body.result === undefined ? undefined : BigInt(body.result);
  } catch {
    return undefined;
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function launch(options: AnvilOptions, port: number): Promise<AnvilInstance> {
  const args = ["--host", LOOPBACK, "--port", String(port)];
  if (options.genesisTimestamp !== undefined) args.push("--timestamp", String(options.genesisTimestamp));
  if (options.chainId !== undefined) args.push("--chain-id", String(options.chainId));
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keepTail);
  child.stderr?.on("data", keepTail);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 5000))) {
      child.kill("SIGKILL");
      await waitForExit(child, 5000);
    }
  };

  const rpcUrl = `http://${LOOPBACK}:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`anvil exited with code ${child.exitCode} before serving ${rpcUrl}; output:\n${output}`);
    }
    const chainId = await rpcChainId(rpcUrl);
    if (chainId !== undefined) return { rpcUrl, port, chainId, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(
    `anvil did not respond on ${rpcUrl} within ${options.readyTimeoutMs ?? 20_000} ms; output:\n${output}`,
  );
}

/**
 * Starts anvil on a free loopback port and waits until its JSON-RPC server responds.
 * Another process can take the port between the probe and anvil's bind, so a
 * failed start is retried on a new port, three attempts in all.
 */
export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilInstance> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(options, await findFreePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
