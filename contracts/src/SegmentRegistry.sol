// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IGroth16Verifier} from "./IGroth16Verifier.sol";
import {CivilDate} from "./CivilDate.sol";

/// @title SegmentRegistry
/// @notice Records anonymous members of customer segments. A member proves with a
/// Groth16 proof of the zkseg SegmentMembership circuit that a trusted issuer
/// signed a credential whose attributes satisfy the segment, without revealing
/// the credential. Each accepted proof adds one nullifier to the segment.
/// @dev Public signals, in circuit order: 0 nullifier, 1 segmentHash,
/// 2 issuerKeyHash, 3 scope, 4 signalHash, 5 date (YYYYMMDD).
contract SegmentRegistry is Ownable2Step {
    /// @notice BN254 scalar field order r. A signal s >= r would verify like s mod r,
    /// so accepting it would give one proof many nullifiers.
    uint256 public constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    uint256 private constant _NULLIFIER = 0;
    uint256 private constant _SEGMENT_HASH = 1;
    uint256 private constant _ISSUER_KEY_HASH = 2;
    uint256 private constant _SCOPE = 3;
    uint256 private constant _SIGNAL_HASH = 4;
    uint256 private constant _DATE = 5;

    /// @dev Storage slot 2 of a segment, read and written together by submit:
    /// 64 + 40 + 40 + 8 = 152 bits.
    struct SegmentState {
        uint64 memberCount;
        uint40 validFrom;
        uint40 validUntil;
        bool active;
    }

    struct Segment {
        uint256 segmentHash;
        SegmentState state;
        address creator;
    }

    /// @notice Groth16 verifier of the SegmentMembership circuit.
    IGroth16Verifier public immutable VERIFIER;

    uint256 private _segmentCount;
    mapping(uint256 segmentId => Segment) private _segments;
    mapping(uint256 issuerKeyHash => bool) private _trustedIssuers;
    mapping(uint256 segmentId => mapping(uint256 nullifier => bool)) private _nullifiers;

    /// @notice Emitted when the owner trusts an issuer key.
    /// @param issuerKeyHash Poseidon(Ax, Ay) of the issuer's public key.
    event IssuerTrusted(uint256 indexed issuerKeyHash);
    /// @notice Emitted when the owner revokes an issuer key.
    /// @param issuerKeyHash Poseidon(Ax, Ay) of the issuer's public key.
    event IssuerRevoked(uint256 indexed issuerKeyHash);
    /// @notice Emitted when a segment is created. The readable definition is kept only here.
    /// @param segmentId Identifier of the new segment.
    /// @param creator Account that created the segment and may toggle it.
    /// @param segmentHash Poseidon hash of the segment encoding.
    /// @param definition Readable definition, such as "age 25 to 34, region in {4, 9}".
    /// @param validFrom First unix second at which proofs are accepted.
    /// @param validUntil Last unix second at which proofs are accepted.
    event SegmentCreated(
        uint256 indexed segmentId,
        address indexed creator,
        uint256 indexed segmentHash,
        string definition,
        uint40 validFrom,
        uint40 validUntil
    );
    /// @notice Emitted when a segment's creator activates or deactivates it.
    /// @param segmentId Segment whose flag changed.
    /// @param active New value of the flag.
    event SegmentActiveSet(uint256 indexed segmentId, bool active);
    /// @notice Emitted when a proof is accepted and its nullifier recorded.
    /// @param segmentId Segment the member joined.
    /// @param nullifier Poseidon(holderSecret, scope): one per holder and segment.
    /// @param handle Targeting handle bound into the proof.
    event MemberAdded(uint256 indexed segmentId, uint256 indexed nullifier, string handle);

    error InvalidVerifier(address verifier);
    error FieldElementOutOfRange(string name, uint256 value);
    error PublicSignalOutOfRange(uint256 index, uint256 value);
    error IssuerAlreadyTrusted(uint256 issuerKeyHash);
    error IssuerNotTrusted(uint256 issuerKeyHash);
    error InvalidValidityWindow(uint256 validFrom, uint256 validUntil, uint256 timestamp);
    error SegmentNotFound(uint256 segmentId);
    error NotSegmentCreator(uint256 segmentId, address account);
    error SegmentInactive(uint256 segmentId);
    error SegmentNotInValidityWindow(uint256 segmentId, uint256 validFrom, uint256 validUntil, uint256 timestamp);
    error SegmentHashMismatch(uint256 segmentId, uint256 expected, uint256 actual);
    error ScopeMismatch(uint256 segmentId, uint256 expected, uint256 actual);
    error InvalidProofDate(uint256 date);
    error ProofDateOutOfRange(uint256 date, uint256 timestamp);
    error SignalHashMismatch(uint256 expected, uint256 actual);
    error NullifierAlreadyUsed(uint256 segmentId, uint256 nullifier);
    error InvalidProof(uint256 segmentId, uint256 nullifier);

    /// @notice Binds the registry to a verifier and sets the account that manages issuers.
    /// @param verifier Address of the deployed Groth16Verifier.
    /// @param initialOwner Account that manages the trusted issuers.
    constructor(IGroth16Verifier verifier, address initialOwner) Ownable(initialOwner) {
        if (address(verifier).code.length == 0) revert InvalidVerifier(address(verifier));
        VERIFIER = verifier;
    }

    // ------------------------------------------------------------------ issuers

    /// @notice Trusts credentials signed by the key whose Poseidon(Ax, Ay) is `issuerKeyHash`.
    /// @param issuerKeyHash Poseidon(Ax, Ay) of the issuer's public key.
    /// @dev Requirements: caller is the owner; the hash is below r and not yet trusted.
    /// Emits {IssuerTrusted}.
    function trustIssuer(uint256 issuerKeyHash) external onlyOwner {
        if (issuerKeyHash >= SNARK_SCALAR_FIELD) revert FieldElementOutOfRange("issuerKeyHash", issuerKeyHash);
        if (_trustedIssuers[issuerKeyHash]) revert IssuerAlreadyTrusted(issuerKeyHash);
        _trustedIssuers[issuerKeyHash] = true;
        emit IssuerTrusted(issuerKeyHash);
    }

    /// @notice Stops accepting new proofs from an issuer key. Members already recorded stay.
    /// @param issuerKeyHash Poseidon(Ax, Ay) of the issuer's public key.
    /// @dev Requirements: caller is the owner; the key is trusted. Emits {IssuerRevoked}.
    function revokeIssuer(uint256 issuerKeyHash) external onlyOwner {
        if (!_trustedIssuers[issuerKeyHash]) revert IssuerNotTrusted(issuerKeyHash);
        _trustedIssuers[issuerKeyHash] = false;
        emit IssuerRevoked(issuerKeyHash);
    }

    /// @notice Tells whether proofs from the issuer key are accepted.
    /// @param issuerKeyHash Poseidon(Ax, Ay) of the issuer's public key.
    /// @return trusted True while the key is trusted.
    function isIssuerTrusted(uint256 issuerKeyHash) external view returns (bool trusted) {
        return _trustedIssuers[issuerKeyHash];
    }

    // ----------------------------------------------------------------- segments

    /// @notice Creates an active segment owned by the caller. Any account may create one.
    /// @param segmentHash Poseidon hash of the segment encoding, as the circuit computes it.
    /// @param definition Readable definition, emitted in {SegmentCreated} and not stored.
    /// @param validFrom First unix second at which proofs are accepted.
    /// @param validUntil Last unix second at which proofs are accepted; after the current block.
    /// @return segmentId Identifier of the new segment, counting from 1.
    /// @dev Emits {SegmentCreated}.
    function createSegment(
        uint256 segmentHash,
        string calldata definition,
        uint40 validFrom,
        uint40 validUntil
    ) external returns (uint256 segmentId) {
        if (segmentHash >= SNARK_SCALAR_FIELD) revert FieldElementOutOfRange("segmentHash", segmentHash);
        // solhint-disable-next-line not-rely-on-time
        if (validFrom > validUntil || validUntil < block.timestamp) {
            // solhint-disable-next-line not-rely-on-time
            revert InvalidValidityWindow(validFrom, validUntil, block.timestamp);
        }
        segmentId = ++_segmentCount;
        _segments[segmentId] = Segment({
            segmentHash: segmentHash,
            state: SegmentState({memberCount: 0, validFrom: validFrom, validUntil: validUntil, active: true}),
            creator: msg.sender
        });
        emit SegmentCreated(segmentId, msg.sender, segmentHash, definition, validFrom, validUntil);
    }

    /// @notice Activates or deactivates a segment. Inactive segments reject every proof.
    /// @param segmentId Segment to change.
    /// @param active True to accept proofs again, false to reject them.
    /// @dev Requirements: the segment exists and the caller created it. Emits {SegmentActiveSet}.
    function setSegmentActive(uint256 segmentId, bool active) external {
        Segment storage segment = _existingSegment(segmentId);
        if (segment.creator != msg.sender) revert NotSegmentCreator(segmentId, msg.sender);
        segment.state.active = active;
        emit SegmentActiveSet(segmentId, active);
    }

    /// @notice Returns a segment's stored fields; reverts with SegmentNotFound for an unknown id.
    /// @param segmentId Segment to read.
    /// @return creator Account that created the segment.
    /// @return segmentHash Poseidon hash of the segment encoding.
    /// @return validFrom First unix second at which proofs are accepted.
    /// @return validUntil Last unix second at which proofs are accepted.
    /// @return active Whether the creator currently accepts proofs.
    /// @return memberCount Number of accepted proofs.
    function getSegment(
        uint256 segmentId
    )
        external
        view
        returns (
            address creator,
            uint256 segmentHash,
            uint40 validFrom,
            uint40 validUntil,
            bool active,
            uint256 memberCount
        )
    {
        Segment storage segment = _existingSegment(segmentId);
        SegmentState memory state = segment.state;
        return (segment.creator, segment.segmentHash, state.validFrom, state.validUntil, state.active, state.memberCount);
    }

    /// @notice Returns the number of segments created; ids run from 1 to this value.
    /// @return total Number of segments.
    function segmentCount() external view returns (uint256 total) {
        return _segmentCount;
    }

    /// @notice Returns the scope that proofs for `segmentId` must carry as public signal 3.
    /// @param segmentId Segment, which need not exist yet.
    /// @return scope Field element below 2^248.
    /// @dev keccak256(abi.encode(chainid, registry, segmentId)) >> 8: binding chain, registry
    /// and segment stops replay of a proof across any of them; the shift keeps 248 bits, below r.
    function scopeOf(uint256 segmentId) public view returns (uint256 scope) {
        return uint256(keccak256(abi.encode(block.chainid, address(this), segmentId))) >> 8;
    }

    /// @notice Returns the number of members recorded in a segment; 0 for an unknown id.
    /// @param segmentId Segment to read.
    /// @return members Number of accepted proofs.
    function count(uint256 segmentId) external view returns (uint256 members) {
        return _segments[segmentId].state.memberCount;
    }

    /// @notice Tells whether a nullifier has been recorded in a segment.
    /// @param segmentId Segment to read.
    /// @param nullifier Public signal 0 of a proof.
    /// @return recorded True once a proof with this nullifier was accepted.
    function isMember(uint256 segmentId, uint256 nullifier) external view returns (bool recorded) {
        return _nullifiers[segmentId][nullifier];
    }

    // ------------------------------------------------------------------- submit

    /// @notice Verifies a membership proof and records its nullifier.
    /// @param segmentId Segment the proof is for.
    /// @param pA Proof point A.
    /// @param pB Proof point B, coordinates in the EVM order (each pair swapped from snarkjs' pi_b).
    /// @param pC Proof point C.
    /// @param publicSignals nullifier, segmentHash, issuerKeyHash, scope, signalHash, date.
    /// @param handle Targeting handle; its keccak256 >> 8 must equal signalHash.
    /// @dev Requirements, checked in this order: every signal below r; issuer trusted; segment
    /// active and block.timestamp within [validFrom, validUntil]; segmentHash and scope match;
    /// date is a calendar day at most one day from the block's UTC day; signalHash matches the
    /// handle; nullifier unused in the segment; the proof verifies. Emits {MemberAdded}.
    function submit(
        uint256 segmentId,
        uint256[2] calldata pA,
        uint256[2][2] calldata pB,
        uint256[2] calldata pC,
        uint256[6] calldata publicSignals,
        string calldata handle
    ) external {
        for (uint256 i = 0; i < 6; ++i) {
            if (publicSignals[i] >= SNARK_SCALAR_FIELD) revert PublicSignalOutOfRange(i, publicSignals[i]);
        }
        uint256 issuerKeyHash = publicSignals[_ISSUER_KEY_HASH];
        if (!_trustedIssuers[issuerKeyHash]) revert IssuerNotTrusted(issuerKeyHash);

        Segment storage segment = _segments[segmentId];
        SegmentState memory state = segment.state;
        _requireOpen(segmentId, state);
        if (segment.segmentHash != publicSignals[_SEGMENT_HASH]) {
            revert SegmentHashMismatch(segmentId, segment.segmentHash, publicSignals[_SEGMENT_HASH]);
        }
        uint256 scope = scopeOf(segmentId);
        if (scope != publicSignals[_SCOPE]) revert ScopeMismatch(segmentId, scope, publicSignals[_SCOPE]);
        _requireCurrentDate(publicSignals[_DATE]);
        uint256 signalHash = uint256(keccak256(bytes(handle))) >> 8;
        if (signalHash != publicSignals[_SIGNAL_HASH]) revert SignalHashMismatch(signalHash, publicSignals[_SIGNAL_HASH]);

        uint256 nullifier = publicSignals[_NULLIFIER];
        if (_nullifiers[segmentId][nullifier]) revert NullifierAlreadyUsed(segmentId, nullifier);
        if (!VERIFIER.verifyProof(pA, pB, pC, publicSignals)) revert InvalidProof(segmentId, nullifier);

        _nullifiers[segmentId][nullifier] = true;
        // memberCount cannot reach 2^64: each member costs a transaction.
        unchecked {
            segment.state.memberCount = state.memberCount + 1;
        }
        emit MemberAdded(segmentId, nullifier, handle);
    }

    // ------------------------------------------------------------------ helpers

    function _existingSegment(uint256 segmentId) private view returns (Segment storage segment) {
        segment = _segments[segmentId];
        // createSegment rejects validUntil < block.timestamp, so a created segment has validUntil > 0.
        if (segment.state.validUntil == 0) revert SegmentNotFound(segmentId);
    }

    function _requireOpen(uint256 segmentId, SegmentState memory state) private view {
        if (state.validUntil == 0) revert SegmentNotFound(segmentId);
        if (!state.active) revert SegmentInactive(segmentId);
        // solhint-disable-next-line not-rely-on-time
        if (block.timestamp < state.validFrom || block.timestamp > state.validUntil) {
            // solhint-disable-next-line not-rely-on-time
            revert SegmentNotInValidityWindow(segmentId, state.validFrom, state.validUntil, block.timestamp);
        }
    }

    /// @dev The circuit compares ages and expiry against the public date, so a proof dated
    /// long ago or ahead would let an expired credential or a wrong age pass. One day of
    /// slack on each side covers time zones and proofs made just before midnight UTC.
    function _requireCurrentDate(uint256 date) private view {
        (bool valid, uint256 proofDay) = CivilDate.daysFromDateNumber(date);
        if (!valid) revert InvalidProofDate(date);
        // solhint-disable-next-line not-rely-on-time
        uint256 today = block.timestamp / 1 days;
        if (proofDay + 1 < today || proofDay > today + 1) {
            // solhint-disable-next-line not-rely-on-time
            revert ProofDateOutOfRange(date, block.timestamp);
        }
    }
}
