// `zkseg` dispatcher: each command lives in its own module, loaded on demand
// so that `zkseg --help` does not start snarkjs or a database.

type Command = { summary: string; load: () => Promise<{ main(argv: string[]): Promise<void> }> };

const COMMANDS: Record<string, Command> = {
  setup: {
    summary: "compile the circuit and run the trusted setup (ceremony | contribute | verify)",
    load: () => import("../circuits/setup/main.js"),
  },
  identity: { summary: "create a holder identity and show its commitment", load: () => import("./identity.js") },
  issuer: { summary: "issuer keys and credentials: keygen | issue | issue-csv", load: () => import("./issuer.js") },
  prove: { summary: "prove segment membership and write a proof package", load: () => import("./prove.js") },
  verify: { summary: "verify a proof package locally", load: () => import("./verify.js") },
  serve: { summary: "run the verifier service", load: () => import("./serve.js") },
  "create-api-key": {
    summary: "create a marketer and print its API key once (service stopped)",
    load: () => import("./apiKey.js"),
  },
  chain: { summary: "on-chain registry: deploy", load: () => import("./chain.js") },
  demo: {
    summary: "run the segment campaign end to end on bundled customer data",
    load: () => import("../campaign/main.js"),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `usage: zkseg <command> [options]\n\n${lines.join("\n")}\n\nRun "zkseg <command> --help" for a command's options.`;
}

/** Runs one zkseg command and returns the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`zkseg: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    await (await command.load()).main(rest);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    // Users get the message, which names the field and the fix; ZKSEG_DEBUG=1 adds the stack for bug reports.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`zkseg ${name}: ${message}`);
    if (process.env.ZKSEG_DEBUG && error instanceof Error && error.stack) console.error(error.stack);
    return (error as { exitCode?: number }).exitCode ?? 1;
  }
}
