pragma circom 2.1.9;

include "../segment.circom";

// 8 attribute slots, set predicates on slots 4 and 5, sets of up to 8 values.
component main {public [scope, signalHash, date]} = SegmentMembership(8, 2, 8, 4);
