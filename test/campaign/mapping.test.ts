// CSV mappings and the clear-text ground truth the campaign compares against.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { REPO_ROOT } from "../../circuits/setup/paths.js";
import { birthDateForAge, mapCsv, parseMapping } from "../../prover/src/csv/mapping.js";
import { parseSegment } from "../../prover/src/segment/definition.js";
import { toDateNumber } from "../../prover/src/dates.js";
import { calendarAge, isMember } from "../../campaign/groundTruth.js";

const REFERENCE = new Date(Date.UTC(2026, 11, 4));
const TODAY = toDateNumber(REFERENCE);

async function loadBundled(name: string) {
  const mapping = parseMapping(
    JSON.parse(await readFile(path.join(REPO_ROOT, "data", `${name}.mapping.json`), "utf8")),
  );
  const text = await readFile(path.join(REPO_ROOT, "data", `${name}.csv`), "utf8");
  return { mapping, text };
}

describe("calendarAge", function () {
  const cases: [number, number, number][] = [
    [19900515, 20250515, 35],
    [19900515, 20250514, 34],
    [19900515, 20250516, 35],
    [20000229, 20250228, 24],
    [20000229, 20250301, 25],
    [20000229, 20240229, 24],
  ];
  for (const [birth, on, age] of cases) {
    it(`born ${birth}, on ${on}: ${age}`, function () {
      assert.equal(calendarAge(birth, on), age);
    });
  }
});

describe("birthDateForAge", function () {
  it("gives the age on the reference date and the next day", function () {
    for (let age = 18; age <= 100; age++) {
      const birthDate = birthDateForAge(age, REFERENCE);
      assert.equal(calendarAge(birthDate, TODAY), age);
      assert.equal(calendarAge(birthDate, toDateNumber(new Date(REFERENCE.getTime() + 86_400_000))), age);
    }
  });
});

describe("bank-marketing mapping", function () {
  it("maps every row with the CSV's age", async function () {
    const { mapping, text } = await loadBundled("bank-marketing");
    const rows = mapCsv(text, mapping, REFERENCE);
    const raw = parse(text, { columns: true, delimiter: ";" }) as Record<string, string>[];
    assert.equal(rows.length, 4521);
    rows.forEach((row, i) => {
      assert.equal(calendarAge(Number(row.attributes.birthDate), TODAY), Number(raw[i].age), `row ${i + 2}`);
    });
  });

  it("clamps negative balances to 0", async function () {
    const { mapping, text } = await loadBundled("bank-marketing");
    const rows = mapCsv(text, mapping, REFERENCE);
    const negative = rows.filter((row) => Number(row.raw.balance) < 0);
    assert.equal(negative.length, 366);
    for (const row of negative) assert.equal(row.attributes.balance, 0n);
    assert.equal(rows[0].attributes.balance, 178700n);
  });

  it("codes the first row", async function () {
    const { mapping, text } = await loadBundled("bank-marketing");
    const [first] = mapCsv(text, mapping, REFERENCE, 1);
    // 30;"unemployed";"married";"primary";"no";1787;"no";...;"duration" 79;...;"previous" 0
    assert.deepEqual(
      { ...first.attributes, birthDate: undefined },
      {
        birthDate: undefined,
        balance: 178700n,
        previousContacts: 0n,
        lastContactSeconds: 79n,
        job: 11n,
        education: 1n,
        marital: 2n,
        housingLoan: 0n,
      },
    );
  });

  it("rejects a category without a code", async function () {
    const { mapping } = await loadBundled("bank-marketing");
    const header =
      '"age";"job";"marital";"education";"default";"balance";"housing";"loan";"contact";"day";"month";"duration";"campaign";"pdays";"previous";"poutcome";"y"';
    const row = '30;"astronaut";"married";"primary";"no";1787;"no";"no";"cellular";19;"oct";79;1;-1;0;"unknown";"no"';
    assert.throws(() => mapCsv(`${header}\n${row}\n`, mapping, REFERENCE), /row 2 job.*"astronaut" has no code/);
  });
});

describe("bank-churners mapping", function () {
  it("maps all rows with spend in cents", async function () {
    const { mapping, text } = await loadBundled("bank-churners");
    const rows = mapCsv(text, mapping, REFERENCE);
    assert.equal(rows.length, 10127);
    assert.equal(rows[0].id, "768805383");
    assert.equal(rows[0].attributes.spend12m, 114400n);
    assert.equal(rows[0].attributes.creditLimit, 1269100n);
    assert.equal(rows[0].attributes.incomeBand, 3n);
  });
});

describe("isMember", function () {
  it("applies age, range and set clauses", async function () {
    await loadBundled("bank-marketing");
    const definition = parseSegment("age 25 to 34, job in {5, 10}, balance at least 100", "bank@1");
    const member = {
      birthDate: 19950101n,
      balance: 100n,
      previousContacts: 0n,
      lastContactSeconds: 0n,
      job: 5n,
      education: 0n,
      marital: 1n,
      housingLoan: 0n,
    };
    assert.equal(isMember(definition, member, 20261204), true);
    assert.equal(isMember(definition, { ...member, balance: 99n }, 20261204), false);
    assert.equal(isMember(definition, { ...member, job: 6n }, 20261204), false);
    assert.equal(isMember(definition, { ...member, birthDate: 19911204n }, 20261204), false);
    assert.equal(isMember(definition, { ...member, birthDate: 19911205n }, 20261204), true);
  });
});
