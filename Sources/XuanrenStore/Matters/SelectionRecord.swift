import Foundation
import SelectionCore

/// LED-1, LED-3: a selection matter's record (一事一记) or one person's table (一人一表), as one reader may see it —
/// every ledger entry behind it, in order, grouped by the stage the matter was in, each with its sequence number
/// (so that anyone can check the line against the ledger: `xuanren ledger show --seq N`, `xuanren verify`), the
/// action and its payload in words, and, where the store keeps the record the entry was written for, that record in
/// short (with whether the stored text still has the digest the entry recorded).
public struct SelectionRecord: Sendable {
    /// A label and its value, in words.
    public struct Field: Sendable, Equatable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) { self.label = label; self.value = value }
    }

    /// The stored record against the digest its entry holds (`*_hmac`, `*_sha256`): the server recomputes the
    /// digest of what it keeps now and compares; the text itself need not be shown for that.
    public enum Check: Sendable, Equatable {
        /// What is stored now is what the entry recorded.
        case matches
        /// What is stored now is not what the entry recorded, and no later entry records a change.
        case differs
        /// A later entry (its sequence number) recorded a change of the same record: this one describes an earlier
        /// state, which the store no longer keeps.
        case superseded(by: Int64)
    }

    public struct Line: Sendable {
        /// The ledger entry's sequence number; a run of entries of one kind (ballots cast in batches) is one line,
        /// `seq` through `lastSeq`.
        public var seq: Int64
        public var lastSeq: Int64
        public var entries: Int
        /// The entry's time as stored (UTC), and its day and time of day in Asia/Shanghai.
        public var at: String
        public var day: CivilDay
        public var time: String
        /// The account (its name where known) or `system`, `cli`, `demo`, `voter`.
        public var actor: String
        public var action: String
        /// The action in words (`LedgerCatalog`).
        public var title: String
        /// Whom or what the entry is about, when not the matter itself: a person, a ballot session, the registry file.
        public var about: String?
        /// The payload, each key in words with its value (ids as names, digests shortened).
        public var fields: [Field]
        /// The record the store keeps for this entry, in short; empty when there is none.
        public var record: [Field]
        /// The record is confidential content this reader may read (talks): shown on screen, never printed.
        public var confidential = false
        /// The record holds content this reader may not read: only that it exists shows.
        public var withheld = false
        public var check: Check?
    }

    /// Where in the matter an entry was written.
    public enum Phase: Sendable, Hashable {
        /// Registry entries of the person's file before the matter began.
        case before
        case drafting
        case stage(StageKind)
        case finished
    }

    public struct Section: Sendable {
        public var phase: Phase
        public var title: String
        public var lines: [Line]
    }

    public struct Person: Sendable, Equatable {
        public var id: UUID
        public var name: String
        /// `财政局 副局长`
        public var position: String
        public var cadreID: UUID?
        /// Where the person stands now, in words (nominated, qualified or not, chosen for inspection, withdrawn).
        public var status: String
    }

    public var matterID: UUID
    public var matterTitle: String
    public var unitName: String
    public var procedure: String
    /// The matter's phase or current stage, in words.
    public var state: String
    /// The person of a table (nil: the matter's record).
    public var person: Person?
    /// Everyone in the matter (for the matter's record: a link to each table).
    public var people: [Person]
    public var sections: [Section]
    public var language: Language
    /// The day it was read (Asia/Shanghai), the ledger's head then and its latest checkpoint.
    public var printed: CivilDay
    public var headSeq: Int64
    public var headHash: String
    public var checkpointSeq: Int64?
    /// The reader reads talk contents (the team and supervisors); they are still never printed.
    public var readsConfidential: Bool
    /// The person's registry entries were left out: the reader does not read the registry of the file's unit.
    public var registryWithheld: Bool

    public var lines: [Line] { sections.flatMap(\.lines) }
}
