/// What the ledger records about ballot sessions and evaluation panels (BAL-1…10). Stored strings: never change
/// one (the box check looks for `sessionClosed`'s `box_sha256`).
public enum BallotLedgerAction: String, LedgerAction, CaseIterable {
    case sessionCreate = "ballot.session.create"
    case codesIssue = "ballot.codes.issue"
    case sessionOpen = "ballot.session.open"
    /// The box's SHA-256 and the custodians who confirmed the opening.
    case sessionClosed = "ballot.session.closed"
    /// How many ballots of a category a batch of casts spent: a count, never a code or a ballot.
    case codeSpent = "ballot.code.spent"
    /// A batch of casts none of which was accepted.
    case castRefused = "ballot.cast.refused"
    case paperEntry = "ballot.paper.entry"
    case paperAccepted = "ballot.paper.accepted"
    /// An organizer discarded one clerk's entries not yet accepted (whose, how many sheets).
    case paperDiscarded = "ballot.paper.discarded"
    /// SEL-5: an organizer confirmed the names written in, which the public page then shows (their count and hash).
    case writeInsConfirmed = "ballot.write-ins.confirmed"
    /// A standing evaluation panel appointed (BAL-10).
    case panelAppoint = "panel.appoint"
}
