// Versioned schema migrations, applied in order at start. Each instance takes a
// PostgreSQL advisory lock first, so instances starting together on one
// database apply every migration exactly once.
import type { SqlDriver, SqlExecutor } from "./driver.js";

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Arbitrary constant naming the migration lock among all advisory locks of the database. */
const MIGRATION_LOCK_KEY = 7_331_204_001;

// The service stores no attribute, secret or whole proof: only what it needs to
// check and count joins (nullifier, signal hash, handle, proof date, receipt).
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "marketers, segments, trusted issuers and joins",
    sql: `
      CREATE TABLE marketers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        api_key_hash TEXT NOT NULL UNIQUE,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE segments (
        id TEXT PRIMARY KEY,
        marketer_id TEXT NOT NULL REFERENCES marketers (id),
        definition TEXT NOT NULL,
        schema_ref TEXT NOT NULL,
        segment_hash TEXT NOT NULL,
        scope TEXT NOT NULL UNIQUE,
        valid_from INTEGER,
        valid_until INTEGER,
        member_count BIGINT NOT NULL DEFAULT 0,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX segments_marketer_idx ON segments (marketer_id, created_at);
      CREATE TABLE segment_issuers (
        segment_id TEXT NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        issuer_key_hash TEXT NOT NULL,
        ax TEXT NOT NULL,
        ay TEXT NOT NULL,
        PRIMARY KEY (segment_id, issuer_key_hash)
      );
      CREATE TABLE joins (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        receipt_id TEXT NOT NULL UNIQUE,
        segment_id TEXT NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
        nullifier TEXT NOT NULL,
        signal_hash TEXT NOT NULL,
        handle TEXT NOT NULL,
        proof_date INTEGER NOT NULL,
        joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT joins_segment_nullifier_key UNIQUE (segment_id, nullifier)
      );
    `,
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

async function appliedVersions(tx: SqlExecutor): Promise<Set<number>> {
  const rows = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
  return new Set(rows.map((row) => Number(row.version)));
}

/** Applies the migrations that the database lacks and returns their versions. */
export async function migrate(db: SqlDriver): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await tx.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
    const applied = await appliedVersions(tx);
    const newest = Math.max(0, ...applied);
    if (newest > SCHEMA_VERSION) {
      throw new Error(
        `database schema version ${newest} is newer than this build's ${SCHEMA_VERSION}; upgrade zkseg before starting it`,
      );
    }
    const pending = MIGRATIONS.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    return pending.map((migration) => migration.version);
  });
}
