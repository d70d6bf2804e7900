// Calendar dates as YYYYMMDD integers, the encoding the circuit compares.
import { invalidInput } from "./errors.js";

/** Earliest date zkseg accepts; keeps age arithmetic in the circuit from wrapping. */
export const MIN_DATE = 19000101;
/** Latest date zkseg accepts; also the conventional "never expires" value. */
export const MAX_DATE = 99991231;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Tells whether a YYYYMMDD integer names a real calendar day between MIN_DATE and MAX_DATE. */
export function isValidDate(value: number | bigint): boolean {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < MIN_DATE || n > MAX_DATE) return false;
  const year = Math.floor(n / 10000);
  const month = Math.floor(n / 100) % 100;
  const day = n % 100;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Throws unless `value` is a real YYYYMMDD calendar day. */
export function requireValidDate(value: number | bigint, field: string): number {
  if (!isValidDate(value)) {
    throw invalidInput(
      field,
      `${value} is not a calendar date between ${MIN_DATE} and ${MAX_DATE}; write it as YYYYMMDD, e.g. 19900515`,
    );
  }
  return Number(value);
}

/** Formats a JS Date as a YYYYMMDD integer in UTC. */
export function toDateNumber(date: Date): number {
  return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** Converts a YYYYMMDD integer to a Date at 00:00 UTC. */
export function fromDateNumber(value: number): Date {
  return new Date(Date.UTC(Math.floor(value / 10000), (Math.floor(value / 100) % 100) - 1, value % 100));
}

/**
 * Returns the birth dates (inclusive) of everyone aged minAge..maxAge whole
 * years on `date`, with ages computed on YYYYMMDD integers exactly as the circuit does:
 *   age >= A  iff  birthDate <= date - A * 10000
 *   age <= B  iff  birthDate >= date - (B + 1) * 10000 + 1
 * Someone born on 29 February therefore turns a year older on 1 March in
 * non-leap years.
 */
export function ageBandToBirthDates(
  minAge: number,
  maxAge: number,
  date: number,
): { earliest: number; latest: number } {
  return { earliest: date - (maxAge + 1) * 10000 + 1, latest: date - minAge * 10000 };
}
