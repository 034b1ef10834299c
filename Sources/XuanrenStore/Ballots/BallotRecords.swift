import FluentKit
import SelectionCore
import Foundation

/// A ballot session (表决/推荐/测评/选举) and its state. The box template holds settings and candidates.
public final class BallotSessionRecord: Model, @unchecked Sendable {
    public static let schema = "ballot_sessions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "kind") public var kind: String
    @Field(key: "status") public var status: String
    /// The box without ballots, in `xuanren.ballot-box/1` JSON.
    @Field(key: "template") public var template: String
    /// After closing: the exported box (shuffled ballots), its SHA-256 and Ed25519 signature.
    @OptionalField(key: "box") public var box: String?
    @OptionalField(key: "box_hash") public var boxHash: String?
    @OptionalField(key: "box_signature") public var boxSignature: String?
    /// BAL-4: the previous round of a multi-round recommendation, whose result voters see.
    @OptionalField(key: "previous_id") public var previousID: UUID?
    /// Who may see the result and the box (`DisclosureScope`).
    @Field(key: "disclosure") public var disclosure: String
    /// BAL-5: the other vote of a 双过半 pair (meeting vote ↔ talk recommendation).
    @OptionalField(key: "paired_id") public var pairedID: UUID?
    /// Whether voters get a tracking code published with their ballot (a receipt they can check, and could show).
    @Field(key: "tracking_codes") public var trackingCodes: Bool
    /// BAL-9 sealing: the session's X25519 public key (hex); nil for a session created before sealed ballots.
    @OptionalField(key: "seal_public_key") public var sealPublicKey: String?
    /// How many custodians must confirm to open the box.
    @OptionalField(key: "custodian_threshold") public var custodianThreshold: Int?
    /// Every sealed ballot of the session is padded to this many bytes.
    @OptionalField(key: "pad_length") public var padLength: Int?
    /// After closing: codes issued and spent per category (JSON), kept when the codes are deleted.
    @OptionalField(key: "turnout") public var turnout: String?
    /// SEL-5: an organizer confirmed the names written in; the public page shows them only then.
    @Field(key: "write_ins_confirmed") public var writeInsConfirmed: Bool

    public init() {}
    init(id: UUID, unitID: UUID, title: String, kind: String, template: String, disclosure: DisclosureScope = .everyone) {
        self.id = id; self.unitID = unitID; self.title = title; self.kind = kind; self.status = "draft"; self.template = template
        self.disclosure = disclosure.rawValue
        self.trackingCodes = true
        self.writeInsConfirmed = false
    }
}

/// One clerk's entry of one paper ballot sheet (BAL-9), until the session's paper ballots are accepted.
final class PaperEntryRow: Model, @unchecked Sendable {
    static let schema = "paper_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: String
    @Field(key: "clerk") var clerk: String
    @Field(key: "sheet") var sheet: Int
    @Field(key: "content") var content: String
    init() {}
    init(sessionID: String, clerk: String, sheet: Int, content: String) {
        self.sessionID = sessionID; self.clerk = clerk; self.sheet = sheet; self.content = content
    }
}

/// BAL-10 standing evaluation panels: fixed composition, appointed for a year, recorded in the ledger.
final class PanelRecord: Model, @unchecked Sendable {
    static let schema = "evaluation_panels"
    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "name") var name: String
    @Field(key: "year") var year: Int
    @Field(key: "members") var members: String   // JSON [[name, level]]
    init() {}
    init(unitID: UUID, name: String, year: Int, members: String) { self.unitID = unitID; self.name = name; self.year = year; self.members = members }
}
