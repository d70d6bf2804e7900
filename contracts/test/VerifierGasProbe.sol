// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IGroth16Verifier} from "../src/IGroth16Verifier.sol";
import {CivilDate} from "../src/CivilDate.sol";

/// @title VerifierGasProbe
/// @notice Test-only contract. The snarkjs verifier returns false instead of reverting when
/// the pairing precompile runs out of gas, so eth_estimateGas on verifyProof alone finds a
/// gas limit at which the proof is rejected. Requiring true here makes the estimate honest.
contract VerifierGasProbe {
    /// @notice Verifier whose gas is measured.
    IGroth16Verifier public immutable VERIFIER;

    error ProofRejected();

    /// @notice Sets the verifier to measure.
    /// @param verifier Deployed Groth16Verifier.
    constructor(IGroth16Verifier verifier) {
        VERIFIER = verifier;
    }

    /// @notice Verifies the proof and reverts unless it is valid.
    /// @param pA Proof point A.
    /// @param pB Proof point B in the EVM coordinate order.
    /// @param pC Proof point C.
    /// @param pubSignals The six public signals.
    /// @return gasUsed Gas spent inside the verifyProof call, including the call itself.
    function verifyOrRevert(
        uint256[2] calldata pA,
        uint256[2][2] calldata pB,
        uint256[2] calldata pC,
        uint256[6] calldata pubSignals
    ) external view returns (uint256 gasUsed) {
        uint256 before = gasleft();
        bool ok = VERIFIER.verifyProof(pA, pB, pC, pubSignals);
        gasUsed = before - gasleft();
        if (!ok) revert ProofRejected();
    }

    /// @notice Exposes CivilDate.daysFromDateNumber to the tests.
    /// @param date Date number such as 20300615.
    /// @return valid False unless the number names a real calendar day.
    /// @return day Days since 1970-01-01.
    function daysFromDateNumber(uint256 date) external pure returns (bool valid, uint256 day) {
        return CivilDate.daysFromDateNumber(date);
    }
}
