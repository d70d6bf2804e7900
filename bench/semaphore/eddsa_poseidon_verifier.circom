pragma circom 2.1.5;

// circomlib's EdDSA-Poseidon signature check alone, to show what share of zkseg's
// constraints the credential signature costs.
include "eddsaposeidon.circom";

component main = EdDSAPoseidonVerifier();
