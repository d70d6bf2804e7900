pragma circom 2.1.9;

include "bitify.circom";
include "poseidon.circom";
include "lib/credential.circom";
include "lib/predicates.circom";
include "lib/segment_hash.circom";

// Proves that the holder of an issuer-signed credential satisfies a segment,
// revealing only the public signals below.
//
// Public signals, in this order (outputs first, then public inputs):
//   0 nullifier      Poseidon(holderSecret, scope): one member per scope
//   1 segmentHash    hash of the segment definition (see SegmentHash)
//   2 issuerKeyHash  Poseidon(Ax, Ay) of the signing issuer
//   3 scope          chosen by the verifier, distinct per segment
//   4 signalHash     hash of the targeting handle, reduced below r
//   5 date           proof date as YYYYMMDD
//
// Predicate encoding per slot i (a table mirrored in prover/src/segment):
//   ageMode[i] = 0   lo[i] <= attributes[i] <= hi[i]
//   ageMode[i] = 1   lo[i] <= age in years on `date` <= hi[i] (birth-date slot)
// and per set slot k (attribute slot firstSetSlot + k), on top of its range:
//   inSet[k] = 1     attribute is one of setValues[k]
//   notInSet[k] = 1  attribute is none of setValues[k]
// Unused slots carry [0, 2^64 - 1], which leaves only the 64-bit range check.
template SegmentMembership(nSlots, nSetSlots, setSize, firstSetSlot) {
    // Credential (private).
    signal input holderSecret;
    signal input schemaId;
    signal input attributes[nSlots];
    signal input expiresAt;
    signal input Ax;
    signal input Ay;
    signal input S;
    signal input R8x;
    signal input R8y;

    // Segment definition (private, bound by segmentHash).
    signal input lo[nSlots];
    signal input hi[nSlots];
    signal input ageMode[nSlots];
    signal input inSet[nSetSlots];
    signal input notInSet[nSetSlots];
    signal input setValues[nSetSlots][setSize];

    // Public inputs.
    signal input scope;
    signal input signalHash;
    signal input date;

    signal output nullifier;
    signal output segmentHash;
    signal output issuerKeyHash;

    component credential = CredentialVerifier(nSlots);
    credential.holderSecret <== holderSecret;
    credential.schemaId <== schemaId;
    credential.attributes <== attributes;
    credential.expiresAt <== expiresAt;
    credential.Ax <== Ax;
    credential.Ay <== Ay;
    credential.S <== S;
    credential.R8x <== R8x;
    credential.R8y <== R8y;
    issuerKeyHash <== credential.issuerKeyHash;

    // Not expired on the proof date: expiresAt - date in [0, 2^32). Both are
    // YYYYMMDD dates far below 2^32, so a negative difference wraps to a value
    // near r and fails the bit decomposition.
    _ <== Num2Bits(32)(expiresAt - date);

    component bounds[nSlots];
    for (var i = 0; i < nSlots; i++) {
        bounds[i] = EffectiveBounds();
        bounds[i].ageMode <== ageMode[i];
        bounds[i].lo <== lo[i];
        bounds[i].hi <== hi[i];
        bounds[i].date <== date;
        InRange64()(attributes[i], bounds[i].effectiveLo, bounds[i].effectiveHi);
    }

    for (var k = 0; k < nSetSlots; k++) {
        SetPredicate(setSize)(attributes[firstSetSlot + k], setValues[k], inSet[k], notInSet[k]);
    }

    segmentHash <== SegmentHash(nSlots, nSetSlots, setSize)(
        schemaId, lo, hi, ageMode, inSet, notInSet, setValues
    );

    nullifier <== Poseidon(2)([holderSecret, scope]);

    // A real constraint on signalHash, so the proof cannot be moved to another
    // targeting handle even if a prover or setup dropped unused public inputs.
    signal signalHashSquared <== signalHash * signalHash;
}
