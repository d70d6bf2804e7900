// The zkseg command line, run as a user runs it: node bin/zkseg.js in a child process.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../circuits/setup/paths.js";
import { toDateNumber } from "../../prover/src/dates.js";

const run = promisify(execFile);
const DEFINITION = "age 25 to 34, spend12m at least 50000, region in {4, 9}";
const ATTRIBUTES = {
  birthDate: "19950615",
  spend12m: "60000",
  income: "4000000",
  customerSince: "20150101",
  region: "9",
  loyaltyTier: "2",
  spare6: "0",
  spare7: "0",
};

async function zkseg(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, "bin/zkseg.js"), ...args], {
      cwd: REPO_ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("zkseg command line", function () {
  let dir: string;
  let issuerKey: string;
  const today = String(toDateNumber(new Date()));

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), "zkseg-cli-"));
  });

  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it("lists commands and rejects unknown ones", async function () {
    const help = await zkseg("--help");
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: zkseg <command> \[options\]/);
    const unknown = await zkseg("frobnicate");
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it("issues, proves and verifies", async function () {
    const keygen = await zkseg("issuer", "keygen", "--out", path.join(dir, "issuer.key"));
    assert.equal(keygen.code, 0, keygen.stderr);
    const [, ax, ay] = /public key: \["(\d+)", "(\d+)"\]/.exec(keygen.stdout) ?? [];
    issuerKey = `${ax},${ay}`;
    const identity = await zkseg("identity", "create", "--out", path.join(dir, "alice.id"));
    assert.equal(identity.code, 0, identity.stderr);
    const [, commitment] = /holder commitment: (\d+)/.exec(identity.stdout) ?? [];
    await writeFile(path.join(dir, "attributes.json"), JSON.stringify(ATTRIBUTES));
    const issue = await zkseg(
      "issuer",
      "issue",
      "--key",
      path.join(dir, "issuer.key"),
      "--holder-commitment",
      commitment,
      "--attributes",
      path.join(dir, "attributes.json"),
      "--out",
      path.join(dir, "alice.credential.json"),
    );
    assert.equal(issue.code, 0, issue.stderr);
    const prove = await zkseg(
      "prove",
      "--identity",
      path.join(dir, "alice.id"),
      "--credential",
      path.join(dir, "alice.credential.json"),
      "--definition",
      DEFINITION,
      "--scope",
      "42",
      "--segment-id",
      "seg-1",
      "--handle",
      "alice-ad",
      "--date",
      today,
      "--out",
      path.join(dir, "proof.json"),
    );
    assert.equal(prove.code, 0, prove.stderr);
    const pkg = JSON.parse(await readFile(path.join(dir, "proof.json"), "utf8"));
    assert.equal(pkg.version, "zkseg-proof/1");
    assert.equal(pkg.publicSignals[3], "42");
    for (const value of Object.values(ATTRIBUTES).filter((value) => value.length > 1)) {
      assert.ok(!JSON.stringify(pkg).includes(value), `the package contains attribute value ${value}`);
    }
    const verify = await zkseg(
      "verify",
      "--package",
      path.join(dir, "proof.json"),
      "--definition",
      DEFINITION,
      "--scope",
      "42",
      "--issuer",
      issuerKey,
      "--date",
      today,
    );
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /^valid: nullifier \d+/);
  });

  it("verify rejects another segment", async function () {
    const verify = await zkseg(
      "verify",
      "--package",
      path.join(dir, "proof.json"),
      "--definition",
      "age 25 to 35",
      "--scope",
      "42",
      "--issuer",
      issuerKey,
      "--date",
      today,
    );
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, /^invalid \(wrong_segment_hash\)/);
  });

  it("prove explains a non-member", async function () {
    const prove = await zkseg(
      "prove",
      "--identity",
      path.join(dir, "alice.id"),
      "--credential",
      path.join(dir, "alice.credential.json"),
      "--definition",
      "spend12m at least 70000",
      "--scope",
      "42",
      "--segment-id",
      "seg-1",
      "--handle",
      "alice-ad",
    );
    assert.equal(prove.code, 1);
    assert.equal(prove.stderr.trim(), "zkseg prove: not in segment: spend12m is below 70000");
  });

  it("serve rejects a bad port", async function () {
    const serve = await zkseg("serve", "--port", "99999");
    assert.equal(serve.code, 2);
    assert.equal(
      serve.stderr.trim(),
      'zkseg serve: invalid configuration --port="99999": expected an integer from 0 to 65535',
    );
  });

  it("names bad options without a stack", async function () {
    const badDate = await zkseg("issuer", "issue", "--expires", "2030-01-01", "--key", "x");
    assert.equal(badDate.code, 1);
    assert.equal(badDate.stderr.trim(), 'zkseg issuer: invalid --expires "2030-01-01": write the day as YYYYMMDD');
    const missing = await zkseg("prove", "--identity", path.join(dir, "missing.id"));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read --identity .*missing\.id: no such file\n$/);
    const notJson = await zkseg(
      "prove",
      "--identity",
      path.join(dir, "alice.id"),
      "--credential",
      path.join(dir, "alice.id"),
    );
    assert.match(notJson.stderr, /alice\.id is not valid JSON; check that you passed the right file/);
    assert.ok(!notJson.stderr.includes("zkseg-id1:"), "the error quotes the identity file");
  });
});
