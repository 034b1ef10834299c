import FluentKit
import Foundation

/// One entry of the full-process record (LED-1). Append-only; see `Ledger`.
public final class LedgerEntryRecord: Model, @unchecked Sendable {
    public static let schema = "ledger_entries"
    @ID(custom: "seq", generatedBy: .user) public var id: Int64?
    @Field(key: "at") public var at: String
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "subject_type") public var subjectType: String
    @Field(key: "subject_id") public var subjectID: String
    @Field(key: "payload") public var payload: String
    @Field(key: "prev_hash") public var prevHash: String
    @Field(key: "hash") public var hash: String

    public init() {}
    init(_ e: LedgerEntry) {
        self.id = e.seq; self.at = e.at; self.actor = e.actor; self.action = e.action
        self.subjectType = e.subjectType; self.subjectID = e.subjectID; self.payload = e.payload
        self.prevHash = e.prevHash; self.hash = e.hash
    }
    public var entry: LedgerEntry {
        LedgerEntry(seq: id ?? 0, at: at, actor: actor, action: action, subjectType: subjectType,
                    subjectID: subjectID, payload: payload, prevHash: prevHash, hash: hash)
    }
}

/// A signed checkpoint: the ledger head at `seq`, signed with the instance's Ed25519 key (LED-2).
public final class CheckpointRecord: Model, @unchecked Sendable {
    public static let schema = "ledger_checkpoints"
    @ID(custom: "seq", generatedBy: .user) public var id: Int64?
    @Field(key: "head_hash") public var headHash: String
    @Field(key: "signed_at") public var signedAt: String
    @Field(key: "public_key") public var publicKey: String
    @Field(key: "signature") public var signature: String

    public init() {}
    init(_ c: Checkpoint) {
        self.id = c.seq; self.headHash = c.headHash; self.signedAt = c.signedAt; self.publicKey = c.publicKey; self.signature = c.signature
    }
    public var checkpoint: Checkpoint {
        Checkpoint(seq: id ?? 0, headHash: headHash, signedAt: signedAt, publicKey: publicKey, signature: signature)
    }
}
