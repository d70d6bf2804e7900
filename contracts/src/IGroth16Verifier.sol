// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title IGroth16Verifier
/// @notice Interface of the snarkjs-generated verifier in contracts/generated/Groth16Verifier.sol.
interface IGroth16Verifier {
    /// @notice Returns true if the proof verifies for the six public signals. Returns false,
    /// without reverting, for an invalid proof, a signal >= r or a precompile out of gas.
    /// @param pA Proof point A.
    /// @param pB Proof point B, each coordinate pair in the EVM order [c1, c0].
    /// @param pC Proof point C.
    /// @param pubSignals nullifier, segmentHash, issuerKeyHash, scope, signalHash, date.
    /// @return verified True only for a valid proof.
    function verifyProof(
        uint256[2] calldata pA,
        uint256[2][2] calldata pB,
        uint256[2] calldata pC,
        uint256[6] calldata pubSignals
    ) external view returns (bool verified);
}
