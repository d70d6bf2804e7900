pragma circom 2.1.9;

include "poseidon.circom";

// Hashes a segment's whole definition into the public segmentHash:
//
//   boundsHash  = Poseidon(lo[0..7], hi[0..7])
//   setsHash    = Poseidon(setValues[0][0..7], setValues[1][0..7])
//   flags       = sum ageMode[i] * 2^i + inSet[k] * 2^(8+k) + notInSet[k] * 2^(10+k)
//   segmentHash = Poseidon(schemaId, flags, boundsHash, setsHash)
//
// The flags are booleans (constrained where they are used), so the packing is
// injective. The hash never depends on the proof date, so a segment is
// registered once and proven against on any day.
template SegmentHash(nSlots, nSetSlots, setSize) {
    signal input schemaId;
    signal input lo[nSlots];
    signal input hi[nSlots];
    signal input ageMode[nSlots];
    signal input inSet[nSetSlots];
    signal input notInSet[nSetSlots];
    signal input setValues[nSetSlots][setSize];
    signal output out;

    component boundsHasher = Poseidon(2 * nSlots);
    for (var i = 0; i < nSlots; i++) {
        boundsHasher.inputs[i] <== lo[i];
        boundsHasher.inputs[nSlots + i] <== hi[i];
    }

    component setsHasher = Poseidon(nSetSlots * setSize);
    for (var k = 0; k < nSetSlots; k++) {
        for (var j = 0; j < setSize; j++) {
            setsHasher.inputs[k * setSize + j] <== setValues[k][j];
        }
    }

    var flags = 0;
    for (var i = 0; i < nSlots; i++) {
        flags += ageMode[i] * (1 << i);
    }
    for (var k = 0; k < nSetSlots; k++) {
        flags += inSet[k] * (1 << (nSlots + k));
        flags += notInSet[k] * (1 << (nSlots + nSetSlots + k));
    }

    out <== Poseidon(4)([schemaId, flags, boundsHasher.out, setsHasher.out]);
}
