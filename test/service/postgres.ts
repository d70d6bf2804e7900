// A PostgreSQL database for the service tests: DATABASE_URL when set, otherwise
// a throwaway cluster (initdb + pg_ctl) on a free loopback port in a temp dir.
// PostgreSQL refuses to run as root, so as root the cluster runs as the
// `postgres` user, created when missing.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

const CLUSTER_USER = "postgres";

/** Finds a PostgreSQL binary on PATH or in Debian's /usr/lib/postgresql/<version>/bin. */
function findBinary(name: string): string {
  const directories = (process.env.PATH ?? "").split(path.delimiter);
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    directories.push(...versions.map((version) => path.join(debian, version, "bin")));
  }
  for (const directory of directories) {
    const candidate = path.join(directory, name);
    if (directory !== "" && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(
    `PostgreSQL's ${name} was not found on PATH or in ${debian}/*/bin; install PostgreSQL ` +
      "(apt-get install postgresql) or set DATABASE_URL to a server the tests may create databases on",
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ensureClusterUser(): void {
  try {
    execFileSync("id", ["-u", CLUSTER_USER], { stdio: "ignore" });
  } catch {
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", CLUSTER_USER]);
  }
}

/** Runs a PostgreSQL tool, as the unprivileged cluster user when this process is root. */
function runAsClusterUser(binary: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const [command, commandArgs] = isRoot ? ["runuser", ["-u", CLUSTER_USER, "--", binary, ...args]] : [binary, args];
  try {
    execFileSync(command, commandArgs, { stdio: "pipe", timeout: 60_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`${path.basename(binary)} failed: ${stderr || (error as Error).message}`);
  }
}

async function startCluster(): Promise<TestDatabase> {
  const initdb = findBinary("initdb");
  const pgCtl = findBinary("pg_ctl");
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "zkseg-pg-"));
  const dataDir = path.join(directory, "data");
  if (process.getuid?.() === 0) {
    ensureClusterUser();
    execFileSync("chown", ["-R", CLUSTER_USER, directory]);
  }
  const port = await freePort();
  runAsClusterUser(initdb, ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
  runAsClusterUser(pgCtl, ["-D", dataDir, "-o", options, "-l", path.join(directory, "server.log"), "-w", "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      runAsClusterUser(pgCtl, ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Creates a fresh database on the DATABASE_URL server, so tests start empty, and drops it after. */
async function createDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `zkseg_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Starts or connects to PostgreSQL; throws with the reason when neither works, so no test is skipped. */
export async function startPostgres(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? createDatabase(serverUrl) : startCluster();
}
