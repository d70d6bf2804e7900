pragma circom 2.1.5;

// Semaphore v4 membership circuit, assembled from its published design to serve as the
// proving-time anchor: BabyJubJub public key from the secret scalar, identity commitment
// Poseidon(Ax, Ay), a binary Merkle root of dynamic depth, and nullifier Poseidon(scope, secret).
// Templates come from circomlib 2.0.5 (BabyPbk, Poseidon, LessThan) and @zk-kit/circuits 0.4.0
// (BinaryMerkleRoot), so the constraint count matches the published circuit's shape.

include "babyjub.circom";
include "poseidon.circom";
include "comparators.circom";
include "binary-merkle-root.circom";

template Semaphore(MAX_DEPTH) {
    signal input secret;
    signal input merkleProofLength, merkleProofIndices[MAX_DEPTH], merkleProofSiblings[MAX_DEPTH];
    signal input message;
    signal input scope;

    signal output merkleRoot, nullifier;

    // A secret scalar at or above the subgroup order l would give a second secret for one public key.
    var l = 2736030358979909402780800718157159386076813972158567259200215660948447373041;
    component secretInSubgroup = LessThan(251);
    secretInSubgroup.in <== [secret, l];
    secretInSubgroup.out === 1;

    var Ax, Ay;
    (Ax, Ay) = BabyPbk()(secret);
    var identityCommitment = Poseidon(2)([Ax, Ay]);

    merkleRoot <== BinaryMerkleRoot(MAX_DEPTH)(identityCommitment, merkleProofLength, merkleProofIndices, merkleProofSiblings);
    nullifier <== Poseidon(2)([scope, secret]);

    // Squaring binds the public message into a constraint; an unconstrained public input could be
    // changed on a valid proof.
    signal messageSquare <== message * message;
}
