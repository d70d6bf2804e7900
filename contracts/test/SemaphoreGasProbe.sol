// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SemaphoreVerifier} from "@semaphore-protocol/contracts/base/SemaphoreVerifier.sol";

/// @title SemaphoreGasProbe
/// @notice Test-only contract that measures Semaphore v4's verifier as a gas anchor. Without
/// the Semaphore circuit's zkey no valid proof can be made, so it measures a rejected proof
/// made of valid curve points: the ecMul, ecAdd and pairing precompiles charge by input size,
/// not by outcome, so a rejected proof costs the same gas as an accepted one.
contract SemaphoreGasProbe {
    /// @notice Semaphore verifier whose gas is measured.
    SemaphoreVerifier public immutable VERIFIER;

    /// @notice Sets the verifier to measure.
    /// @param verifier Deployed SemaphoreVerifier from @semaphore-protocol/contracts.
    constructor(SemaphoreVerifier verifier) {
        VERIFIER = verifier;
    }

    /// @notice Calls verifyProof and returns its result with the gas spent inside the call.
    /// @param pA Proof point A.
    /// @param pB Proof point B in the EVM coordinate order.
    /// @param pC Proof point C.
    /// @param pubSignals merkleTreeRoot, nullifier, hash(message), hash(scope).
    /// @param merkleTreeDepth Depth whose verification key is used, 1 to 32.
    /// @return verified Result of verifyProof.
    /// @return gasUsed Gas spent inside the verifyProof call, including the call itself.
    function measure(
        uint256[2] calldata pA,
        uint256[2][2] calldata pB,
        uint256[2] calldata pC,
        uint256[4] calldata pubSignals,
        uint256 merkleTreeDepth
    ) external view returns (bool verified, uint256 gasUsed) {
        uint256 before = gasleft();
        verified = VERIFIER.verifyProof(pA, pB, pC, pubSignals, merkleTreeDepth);
        gasUsed = before - gasleft();
    }
}
