pragma circom 2.1.9;

include "babyjub.circom";
include "eddsaposeidon.circom";
include "poseidon.circom";

// Verifies an issuer's EdDSA-Poseidon signature over a credential and returns
// the values the rest of the circuit needs.
//
//   holderCommitment = Poseidon(holderSecret)
//   credentialHash   = Poseidon(schemaId, holderCommitment, attributes[0..n-1], expiresAt)
//   issuerKeyHash    = Poseidon(Ax, Ay)
//
// Security notes:
// - EdDSAPoseidonVerifier rejects S >= l (the BabyJubJub subgroup order), so a
//   signature cannot be malleated into a second valid (R8, S + l).
// - It also rejects keys whose 8-fold multiple is the identity (small order).
//   BabyCheck below adds that A and R8 lie on the curve, which circomlib's
//   verifier does not check by itself.
// - NOTE: membership of A in the prime-order subgroup is not checked here
//   (a scalar multiplication by l would cost about 2,500 constraints). The key
//   is bound by the public issuerKeyHash, and verifiers only trust hashes of
//   keys they validated with a full subgroup check when the issuer was added.
template CredentialVerifier(nAttributes) {
    signal input holderSecret;
    signal input schemaId;
    signal input attributes[nAttributes];
    signal input expiresAt;

    signal input Ax;
    signal input Ay;
    signal input S;
    signal input R8x;
    signal input R8y;

    signal output holderCommitment;
    signal output issuerKeyHash;

    holderCommitment <== Poseidon(1)([holderSecret]);

    component credentialHasher = Poseidon(nAttributes + 3);
    credentialHasher.inputs[0] <== schemaId;
    credentialHasher.inputs[1] <== holderCommitment;
    for (var i = 0; i < nAttributes; i++) {
        credentialHasher.inputs[2 + i] <== attributes[i];
    }
    credentialHasher.inputs[nAttributes + 2] <== expiresAt;

    BabyCheck()(Ax, Ay);
    BabyCheck()(R8x, R8y);

    EdDSAPoseidonVerifier()(1, Ax, Ay, S, R8x, R8y, credentialHasher.out);

    issuerKeyHash <== Poseidon(2)([Ax, Ay]);
}
