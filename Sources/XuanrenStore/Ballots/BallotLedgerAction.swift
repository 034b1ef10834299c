import SelectionCore

/// What the ledger records about ballot sessions and evaluation panels (BAL-1…10). Stored strings: never change
/// one (the box check looks for `sessionClosed`'s `box_sha256`).
public enum BallotLedgerAction: String, DescribedLedgerAction {
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

extension BallotLedgerAction {
    /// In words (LED-1), for the selection record and the ledger pages.
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .sessionCreate: return zh ? "创建投票" : "ballot session created"
        case .codesIssue: return zh ? "发放投票码" : "voting codes issued"
        case .sessionOpen: return zh ? "开始投票" : "voting opened"
        case .sessionClosed: return zh ? "监票人开箱，投票结束并计票" : "box opened by the custodians, voting closed and counted"
        case .codeSpent: return zh ? "投票（按类别计数）" : "ballots cast (counted by category)"
        case .castRefused: return zh ? "投票未被接受" : "casts refused"
        case .paperEntry: return zh ? "录入纸质选票" : "paper ballot entered"
        case .paperAccepted: return zh ? "纸质选票核对一致并计入" : "paper ballots reconciled and accepted"
        case .paperDiscarded: return zh ? "作废未核对的纸质选票录入" : "unreconciled paper entries discarded"
        case .writeInsConfirmed: return zh ? "确认另选他人名单" : "write-in names confirmed"
        case .panelAppoint: return zh ? "组建民主测评组" : "evaluation panel appointed"
        }
    }
}
