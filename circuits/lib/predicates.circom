pragma circom 2.1.9;

include "bitify.circom";
include "comparators.circom";

// Enforces lo <= value <= hi over the integers.
//
// Precondition (enforced by verifiers, not here): lo and hi are below 2^64.
// Then (value - lo) mod r < 2^64 forces value = lo + x with 0 <= x < 2^64, and
// (hi - value) mod r < 2^64 forces lo + x <= hi, because a negative difference
// wraps to a field element near r, far above 2^64. Together the two checks
// also prove value < 2^64, so they serve as the attribute's range check, and
// a field element that wraps around can never satisfy a predicate.
template InRange64() {
    signal input value;
    signal input lo;
    signal input hi;

    _ <== Num2Bits(64)(value - lo);
    _ <== Num2Bits(64)(hi - value);
}

// Selects the effective bounds of one slot for the proof date `date` (YYYYMMDD).
//
// With ageMode = 0, lo and hi are absolute bounds and pass through unchanged.
// With ageMode = 1, lo and hi are ages in whole years (a birth-date slot):
//   age >= lo  iff  birthDate <= date - lo * 10000
//   age <= hi  iff  birthDate >= date - (hi + 1) * 10000 + 1
// Verifiers accept ages 0..150 and dates after 19000101 only, so neither
// subtraction wraps around the field.
template EffectiveBounds() {
    signal input ageMode;
    signal input lo;
    signal input hi;
    signal input date;
    signal output effectiveLo;
    signal output effectiveHi;

    ageMode * (ageMode - 1) === 0;

    effectiveLo <== lo + ageMode * (date - hi * 10000 - 9999 - lo);
    effectiveHi <== hi + ageMode * (date - lo * 10000 - hi);
}

// Enforces the set predicate of one code slot.
//   inSet = 1:    value is one of values[]
//   notInSet = 1: value is none of values[]
//   both 0:       no set predicate
// Shorter sets are padded by repeating a member, which changes neither answer.
template SetPredicate(setSize) {
    signal input value;
    signal input values[setSize];
    signal input inSet;
    signal input notInSet;

    inSet * (inSet - 1) === 0;
    notInSet * (notInSet - 1) === 0;
    inSet * notInSet === 0;

    // product = prod (value - values[j]) is zero iff value is in the set.
    signal partial[setSize];
    partial[0] <== value - values[0];
    for (var j = 1; j < setSize; j++) {
        partial[j] <== partial[j - 1] * (value - values[j]);
    }
    signal isMember <== IsZero()(partial[setSize - 1]);

    inSet * (1 - isMember) === 0;
    notInSet * isMember === 0;
}
