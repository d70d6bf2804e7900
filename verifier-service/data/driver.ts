// Two drivers behind one interface: embedded PGlite (a data directory) and a
// PostgreSQL server through `pg`. Both speak the same PostgreSQL dialect, so
// the repository and the migrations hold one set of SQL statements.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { ServiceError } from "../errors.js";

/** Runs parameterised SQL ($1, $2, ...) and returns the rows. */
export interface SqlExecutor {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements without parameters, such as a migration script. */
  exec(sql: string): Promise<void>;
}

/** A database connection pool, or the embedded database, with transactions. */
export interface SqlDriver extends SqlExecutor {
  readonly kind: "pglite" | "postgres";
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const LOCK_FILE = "zkseg-service.lock";

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes an exclusive lock on the data directory. PGlite is single-process:
 * two processes writing one directory corrupt it, so a second one must fail.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
        throw new ServiceError(
          500,
          "data_dir_locked",
          `data directory ${dataDir} is in use by process ${owner}; stop it, or set DATABASE_URL to share PostgreSQL between instances`,
        );
      }
      if (owner === process.pid) {
        throw new ServiceError(500, "data_dir_locked", `data directory ${dataDir} is already open in this process`);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new ServiceError(500, "data_dir_locked", `cannot lock data directory ${dataDir}; remove ${lockPath}`);
}

/** Opens (creating if needed) the embedded database in `dataDir`. */
export async function openPglite(dataDir: string): Promise<SqlDriver> {
  fs.mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(path.join(dataDir, "pglite"));
  } catch (error) {
    unlock();
    throw error;
  }
  const executor = (target: Pick<PGlite, "query" | "exec">): SqlExecutor => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<Row>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    kind: "pglite",
    ...executor(db),
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    async close() {
      await db.close();
      unlock();
    },
  };
}

/** Connects a pool to PostgreSQL; several service instances may share one database. */
export async function openPostgres(databaseUrl: string, poolSize = 10): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle client that loses its connection emits 'error' on the pool; without a
  // listener that would crash the process instead of failing the next query.
  pool.on("error", () => undefined);
  const client = await pool.connect();
  client.release();
  const executor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query(sql, params as unknown[])).rows as Row[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await target.query(sql);
    },
  });
  return {
    kind: "postgres",
    ...executor(pool),
    async transaction(work) {
      const connection = await pool.connect();
      try {
        await connection.query("BEGIN");
        const result = await work(executor(connection));
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}
