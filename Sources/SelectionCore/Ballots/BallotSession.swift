/// A ballot session's workflow as a value: its status, its custodians and the transitions between
/// states, each a pure function that throws a refusal in words. The store loads the value, applies a
/// transition and saves it inside one write transaction; nothing here touches a database.
public enum BallotSessionStatus: String, Sendable, CaseIterable, Codable { case draft, open, closed }

/// BAL-9 secrecy: who must come together to open the sealed ballots (监票人). The session's private key
/// is split among `names` so that any `threshold` of them can open the box and fewer cannot.
public struct CustodianPlan: Sendable, Equatable {
    public var names: [String]
    public var threshold: Int

    /// Default: two of three.
    public static let defaultThreshold = 2
    public static let maxCustodians = 9

    public init(names: [String], threshold: Int) { self.names = names; self.threshold = threshold }

    /// At least two custodians must open a box (nobody alone), at most nine, all different.
    public static func checked(names raw: [String], threshold: Int) throws(InvalidInput) -> CustodianPlan {
        var seen = Set<String>(), names: [String] = []
        for n in raw.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }) where !n.isEmpty {
            if !seen.insert(n).inserted { throw InvalidInput(field: "custodians", .duplicate(n)) }
            names.append(n)
        }
        if names.count < 2 {
            throw InvalidInput(field: "custodians", .described(zh: "至少指定2名监票人（密钥保管人）", en: "name at least 2 custodians (scrutineers holding key shares)"))
        }
        if names.count > maxCustodians { throw InvalidInput(field: "custodians", .tooLong(max: maxCustodians)) }
        guard threshold >= 2, threshold <= names.count else {
            throw InvalidInput(field: "custodianThreshold", .described(
                zh: "开箱所需监票人数应在2至\(names.count)之间", en: "the custodians needed to open the box must be between 2 and \(names.count)"))
        }
        return CustodianPlan(names: names, threshold: threshold)
    }
}

/// Refusals of the ballot-session workflow, in words.
public enum BallotSessionError: UserFacingError, Equatable {
    case wrongState(BallotSessionStatus)
    /// Fewer distinct custodians confirmed than the plan needs.
    case notEnoughCustodians(needed: Int, confirmed: Int)
    /// Someone who is not a custodian of this session tried to confirm.
    case notACustodian(String)
    /// The session was created before sealed ballots and cannot take new ballots.
    case unsealedSession
    case pendingPaperEntries
    /// The sealed ballots or the template do not match what the ledger recorded (someone wrote to the database).
    case recordMismatch(sealed: Int, recorded: Int)
    case templateChanged
    /// A sealed ballot that this server did not seal, or that does not open.
    case foreignBallot

    public var kind: ErrorKind {
        switch self {
        case .notEnoughCustodians, .notACustodian: .badInput
        case .wrongState, .unsealedSession, .pendingPaperEntries, .recordMismatch, .templateChanged, .foreignBallot: .conflict
        }
    }

    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .wrongState(let s):
            let state = zh ? ["draft": "未开始", "open": "投票中", "closed": "已结束"][s.rawValue]! : s.rawValue
            return zh ? "当前状态（\(state)）下不能进行此操作" : "Not possible while the session is \(state)"
        case .notEnoughCustodians(let n, let c):
            return zh ? "开箱计票需要\(n)名监票人输入各自的密码确认（现有\(c)名）。监票人不足时任何人都无法打开选票。"
                      : "Opening the ballots needs \(n) custodians to confirm with their own passwords (\(c) did). Without them nobody can open the ballots."
        case .notACustodian(let name):
            return zh ? "“\(name)”不是本次投票的监票人" : "“\(name)” is not a custodian of this vote"
        case .unsealedSession:
            return zh ? "此投票创建于密封投票功能之前，不能再接收选票；请结束后重新发起" : "This vote was created before sealed ballots and takes no more ballots; close it and start a new one"
        case .recordMismatch(let sealed, let recorded):
            return zh ? "封存的选票数（\(sealed)）与全程纪实记录的投票数（\(recorded)）不符，数据库可能被改动，不能开箱；请通知纪检监察部门"
                      : "The sealed ballots (\(sealed)) do not match the ballots the ledger recorded (\(recorded)); the database may have been altered, so the box is not opened. Please tell the supervisors"
        case .foreignBallot:
            return zh ? "有一张封存选票不是本系统封存的或无法打开，数据库可能被改动，不能开箱；请通知纪检监察部门"
                      : "A sealed ballot was not sealed by this server or does not open; the database may have been altered, so the box is not opened. Please tell the supervisors"
        case .templateChanged:
            return zh ? "本次投票的方案（候选人、规则）与创建时记录的不一致，数据库可能被改动，不能开箱；请通知纪检监察部门"
                      : "This vote's plan (candidates, rules) differs from the one recorded at creation; the database may have been altered, so the box is not opened. Please tell the supervisors"
        case .pendingPaperEntries:
            return zh ? "还有未计入票箱的纸质选票录入：请先核对一致并计入票箱，或在核对页删除有误的录入，再结束投票"
                      : "Paper ballots have been entered but not accepted into the box: reconcile and accept them, or discard wrong entries on the reconciliation page, first"
        }
    }
}

public struct BallotSession: Sendable, Equatable {
    public var status: BallotSessionStatus
    /// Usernames of the custodians holding key shares; empty for a session created before sealing.
    public var custodians: [String]
    public var threshold: Int
    /// Whether ballots are sealed to a session key (every session created since sealed ballots).
    public var sealed: Bool

    public init(status: BallotSessionStatus, custodians: [String], threshold: Int, sealed: Bool) {
        self.status = status; self.custodians = custodians; self.threshold = threshold; self.sealed = sealed
    }

    /// A new session: a draft whose ballots will be sealed for these custodians.
    public static func new(_ plan: CustodianPlan) -> BallotSession {
        BallotSession(status: .draft, custodians: plan.names, threshold: plan.threshold, sealed: true)
    }

    /// BAL-4: a new round shows voters the result of a previous round, which must be closed and of the same kind.
    public static func checkPreviousRound(status: BallotSessionStatus, kind: BallotKind, newKind: BallotKind, id: String) throws(InvalidInput) {
        guard status == .closed, kind == newKind else { throw InvalidInput(field: "previousRound", .notAllowed(id)) }
    }

    /// BAL-5: the two votes of a 双过半 pair are sessions of the same unit, and a session is in one pair at most.
    public static func checkPair(sameUnit: Bool, otherAlreadyPaired: Bool, id: String) throws(InvalidInput) {
        guard sameUnit, !otherAlreadyPaired else { throw InvalidInput(field: "pairedWith", .notAllowed(id)) }
    }

    /// Codes can be issued until the session closes, never more (by weight) than the category's entitled voters.
    public func issue(count: Int, weight: Int, alreadyIssued: Int, entitled: Int, category: String) throws(InvalidInput) {
        if status == .closed {
            throw InvalidInput(field: "session", .described(zh: "投票已结束，不能再发放选票码", en: "voting has ended; no more codes can be issued"))
        }
        guard count > 0 else { throw InvalidInput(field: "count", .required) }
        guard weight >= 1, weight <= 100 else { throw InvalidInput(field: "weight", .unknownValue("\(weight)")) }
        if alreadyIssued + count * weight > entitled {
            throw InvalidInput(field: "count", .described(zh: "类别“\(category)”的选票码不能超过应参加人数 \(entitled)",
                                                          en: "category “\(category)” cannot get more codes than its \(entitled) entitled voters"))
        }
    }

    public mutating func open() throws(BallotSessionError) {
        guard status == .draft else { throw .wrongState(status) }
        status = .open
    }

    /// Ballots (online or paper) are taken only while open, and only into a sealed session.
    public func takeBallots() throws(BallotSessionError) {
        guard status == .open else { throw .wrongState(status) }
        guard sealed else { throw .unsealedSession }
    }

    /// Closing opens the sealed ballots: at least `threshold` distinct custodians of this session must
    /// have confirmed (a session from before sealing needs none). Returns the custodians whose shares are used.
    public mutating func close(confirmedBy raw: [String], pendingPaperSheets: Int = 0) throws(BallotSessionError) -> [String] {
        guard status == .open else { throw .wrongState(status) }
        if pendingPaperSheets > 0 { throw .pendingPaperEntries }
        var confirmed: [String] = []
        for name in raw.map({ $0.lowercased() }) where !confirmed.contains(name) {
            guard custodians.contains(name) else { throw .notACustodian(name) }
            confirmed.append(name)
        }
        if sealed && confirmed.count < threshold { throw .notEnoughCustodians(needed: threshold, confirmed: confirmed.count) }
        status = .closed
        return sealed ? Array(confirmed.prefix(threshold)) : []
    }
}
