// Configuration of the verifier service from environment variables and flags.
import assert from "node:assert/strict";
import { ConfigError, defaultConfig, loadConfig } from "../../verifier-service/config.js";

describe("service config", () => {
  it("defaults without settings", () => {
    const config = loadConfig({}, []);
    assert.equal(config.port, 8080);
    assert.equal(config.dataDir, "./zkseg-data");
    assert.equal(config.kAnonymity, 10);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.bodyLimitBytes, 64 * 1024);
    assert.deepEqual(config, defaultConfig());
  });

  it("flags override environment", () => {
    const env = { PORT: "9000", ZKSEG_DATA_DIR: "/var/lib/zkseg", ZKSEG_K_ANONYMITY: "25", ZKSEG_POOL_SIZE: "3" };
    const config = loadConfig(env, ["--port", "9100", "--data-dir=/srv/zkseg"]);
    assert.equal(config.port, 9100);
    assert.equal(config.dataDir, "/srv/zkseg");
    assert.equal(config.kAnonymity, 25);
    assert.equal(config.poolSize, 3);
  });

  it("reads DATABASE_URL", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://zkseg@127.0.0.1:5432/zkseg" }, []);
    assert.equal(config.databaseUrl, "postgres://zkseg@127.0.0.1:5432/zkseg");
  });

  it("rejects invalid values", () => {
    const cases: [NodeJS.ProcessEnv, string[], RegExp][] = [
      [{ PORT: "80a" }, [], /PORT="80a": expected an integer from 0 to 65535/],
      [{}, ["--port", "70000"], /--port="70000": expected an integer from 0 to 65535/],
      [{ ZKSEG_K_ANONYMITY: "0" }, [], /ZKSEG_K_ANONYMITY="0"/],
      [{ DATABASE_URL: "mysql://secret@db/x" }, [], /DATABASE_URL="\(hidden\)": expected a postgres/],
      [{}, ["--verbose"], /flag="--verbose": expected one of --port/],
      [{}, ["--port"], /--port="": expected a value after the flag/],
      [{ ZKSEG_LOG_LEVEL: "loud" }, [], /ZKSEG_LOG_LEVEL="loud": expected one of fatal/],
    ];
    for (const [env, argv, message] of cases) {
      assert.throws(
        () => loadConfig(env, argv),
        (error: Error) => error instanceof ConfigError && message.test(error.message),
      );
    }
  });
});
