@preconcurrency import Crypto
import FluentKit
import Foundation
import SelectionCore
import SQLKit

public enum BallotSessionStatus: String, Sendable { case draft, open, closed }

public struct BallotSessionInfo: Sendable {
    /// Whether voters get tracking codes (a session setting).
    public var trackingCodes = true
    public var id: UUID
    public var title: String
    public var status: BallotSessionStatus
    public var box: BallotBox
    public var unitName: String
    /// Per category: codes issued, codes spent (counts only).
    public var turnout: [(category: String, entitled: Int, issued: Int, spent: Int)]
    public var boxHash: String?
    public var cast: Int { turnout.reduce(0) { $0 + $1.spent } }

    public init(id: UUID, title: String, status: BallotSessionStatus, box: BallotBox, unitName: String,
                turnout: [(category: String, entitled: Int, issued: Int, spent: Int)], boxHash: String?) {
        self.id = id; self.title = title; self.status = status; self.box = box; self.unitName = unitName; self.turnout = turnout; self.boxHash = boxHash
    }
}

public enum VotingError: Error, Equatable, Sendable {
    case unknownCode
    case codeAlreadyUsed
    case sessionNotOpen
    case invalidBallot(InvalidReason)
    case tooManyCodes(category: String, entitled: Int)
    case wrongState(BallotSessionStatus)

    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .unknownCode: return zh ? "选票码无效" : "This voting code is not valid for this vote."
        case .codeAlreadyUsed: return zh ? "此选票码已经投过票，每个选票码只能使用一次" : "This voting code has already been used; each code votes once."
        case .sessionNotOpen: return zh ? "投票尚未开始或已经结束" : "Voting has not started or has ended."
        case .invalidBallot(let r): return (zh ? "选票无效：" : "This ballot would be invalid: ") + r.words(in: language)
        case .tooManyCodes(let c, let n): return zh ? "类别“\(c)”的选票码不能超过应参加人数 \(n)" : "Category “\(c)” cannot get more codes than its \(n) entitled voters"
        case .wrongState(let s): return zh ? "当前状态（\(s.rawValue)）下不能进行此操作" : "Not possible while the session is \(s.rawValue)"
        }
    }
}

/// The categories that codes are issued for, with how many voters each has.
extension BallotBox {
    public var voterCategories: [(id: String, entitled: Int)] {
        switch settings {
        case .weightedRecommendation(let s): s.categories.map { ($0.id, $0.entitled) }
        case .approval(let s): [("members", s.members)]
        case .evaluation(let s): [("voters", s.entitled)]
        case .election(let s): [("voters", s.entitled)]
        }
    }
}

extension Store {
    /// The keyed hash of a voting code: HMAC-SHA-256 with a per-session key derived from the instance key.
    /// The database alone cannot tell which code is which, nor be searched by a guessed code.
    func codeHash(_ code: VotingCode, session: UUID) -> String {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: ledger.key.privateKey.rawRepresentation),
                                         salt: Data(session.uuidString.utf8), info: Data("xuanren voting codes".utf8), outputByteCount: 32)
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(code.canonical.utf8), using: key))
    }

    @discardableResult
    /// `trackingCodes`: each voter gets a code to find their ballot in the published box (default). A voter can also
    /// show that code to someone else as proof of a vote; where vote buying is a risk (CAS-4) a session can go without.
    public func createBallotSession(unitCode: String, box: BallotBox, previousRound: UUID? = nil, disclosure: DisclosureScope = .everyone,
                                    pairedWith: UUID? = nil, trackingCodes: Bool = true, actor: String) async throws -> UUID {
        let title = box.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { throw InvalidInput(field: "title", .required) }
        _ = try Tally.count(BallotBox(title: title, settings: box.settings, candidates: box.candidates, ballots: []))  // validates
        let id = UUID()
        let template = BallotBox(title: title, settings: box.settings, candidates: box.candidates, ballots: []).json()
        try await write { tx in
            guard let unit = try await UnitRecord.query(on: tx.db).filter(\.$code == unitCode.lowercased()).first() else {
                throw InvalidInput(field: "unit", .notFound(unitCode))
            }
            let rec = BallotSessionRecord(id: id, unitID: unit.id!, title: title, kind: box.kind.rawValue, template: template, disclosure: disclosure)
            if let previousRound {
                // BAL-4: only a closed round of the same kind can be shown to the voters of the next
                guard let prev = try await BallotSessionRecord.find(previousRound, on: tx.db), prev.status == BallotSessionStatus.closed.rawValue,
                      prev.kind == box.kind.rawValue else { throw InvalidInput(field: "previousRound", .notAllowed(previousRound.uuidString)) }
                rec.previousID = previousRound
            }
            if let pairedWith {
                // BAL-5: the other vote of the pair must be a session of the same unit, not already paired
                guard let other = try await BallotSessionRecord.find(pairedWith, on: tx.db), other.unitID == unit.id, other.pairedID == nil,
                      try await BallotSessionRecord.query(on: tx.db).filter(\.$pairedID == pairedWith).count() == 0
                else { throw InvalidInput(field: "pairedWith", .notAllowed(pairedWith.uuidString)) }
                rec.pairedID = pairedWith
            }
            rec.trackingCodes = trackingCodes
            try await rec.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: "ballot.session.create", subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["title": .string(title), "kind": .string(box.kind.rawValue), "unit": .string(unit.code),
                                                      "template_sha256": .string(Digest.sha256Hex(template)),
                                                      "previousRound": previousRound.map { .string($0.uuidString) } ?? .null,
                                                      "disclosure": .string(disclosure.rawValue),
                                                      "pairedWith": pairedWith.map { .string($0.uuidString) } ?? .null,
                                                      "trackingCodes": .bool(trackingCodes)]))
        }
        return id
    }

    /// BAL-5: the other session of a 双过半 pair, whichever of the two named the other.
    public func pairedSession(_ id: UUID) async throws -> (id: UUID, title: String, status: BallotSessionStatus)? {
        let other: BallotSessionRecord?
        if let rec = try await BallotSessionRecord.find(id, on: db), let p = rec.pairedID {
            other = try await BallotSessionRecord.find(p, on: db)
        } else {
            other = try await BallotSessionRecord.query(on: db).filter(\.$pairedID == id).first()
        }
        guard let other, let oid = other.id else { return nil }
        return (oid, other.title, BallotSessionStatus(rawValue: other.status) ?? .draft)
    }

    /// BAL-5 双过半 once both sessions of the pair are closed: this session's figures first, then the other's.
    public func doubleMajority(_ id: UUID) async throws -> (otherTitle: String, lines: [DoubleMajority.Line])? {
        guard let other = try await pairedSession(id), let mine = try await ballotBox(id), let theirs = try await ballotBox(other.id) else { return nil }
        let a = try BallotBoxReader.tally { MemoryByteSource(mine.box) }, b = try BallotBoxReader.tally { MemoryByteSource(theirs.box) }
        let boxA = try BallotBoxReader.header(MemoryByteSource(mine.box)), boxB = try BallotBoxReader.header(MemoryByteSource(theirs.box))
        return (other.title, DoubleMajority.lines((boxA, a), (boxB, b)))
    }

    /// The session's unit and disclosure scope (who may see its result and box).
    public func ballotDisclosure(_ id: UUID) async throws -> (unitID: UUID, scope: DisclosureScope)? {
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { return nil }
        return (rec.unitID, DisclosureScope(rawValue: rec.disclosure) ?? .supervision)
    }

    /// Closed sessions disclosed to everyone, newest first (the public page lists them).
    public func publicResults() async throws -> [(id: UUID, title: String)] {
        try await BallotSessionRecord.query(on: db).filter(\.$status == "closed").filter(\.$disclosure == DisclosureScope.everyone.rawValue)
            .all().map { ($0.id!, $0.title) }.sorted { $0.title < $1.title }
    }

    public func ballotSessions() async throws -> [BallotSessionInfo] {
        var out: [BallotSessionInfo] = []
        for rec in try await BallotSessionRecord.query(on: db).all() {
            if let info = try await ballotSession(rec.id!) { out.append(info) }
        }
        return out.sorted { $0.title < $1.title }
    }

    /// Title, status and the box template only (no turnout counts): what the voting pages need.
    /// BAL-4: the published result of the round before this one, if any.
    public func previousRoundResult(_ id: UUID) async throws -> (title: String, result: TallyResult)? {
        guard let rec = try await BallotSessionRecord.find(id, on: db), let prev = rec.previousID,
              let p = try await BallotSessionRecord.find(prev, on: db), let r = try await ballotResult(prev) else { return nil }
        return (p.title, r)
    }

    /// Whether a session is a draft, open or closed: one small raw query (what never changes comes from `votingHeader`).
    public func ballotStatus(_ id: UUID) async throws -> BallotSessionStatus? {
        struct Row: Decodable { var status: String }
        guard let row = try await (db as! any SQLDatabase).raw("SELECT status FROM ballot_sessions WHERE id = \(bind: id)").first(decoding: Row.self) else { return nil }
        return BallotSessionStatus(rawValue: row.status) ?? .draft
    }

    /// What never changes in a session (its title and ballot template), from memory after the first read.
    /// Casting needs no more: the status is checked inside the casting transaction.
    public func votingHeader(_ id: UUID) async throws -> VotingHeader? {
        if let cached = templates.cached(id) { return cached }
        struct Row: Decodable { var title: String; var template: String; var tracking_codes: Bool }
        guard let row = try await (db as! any SQLDatabase).raw("SELECT title, template, tracking_codes FROM ballot_sessions WHERE id = \(bind: id)")
            .first(decoding: Row.self) else { return nil }
        return try templates.entry(id, title: row.title, template: row.template, tracking: row.tracking_codes)
    }

    public func ballotSession(_ id: UUID) async throws -> BallotSessionInfo? {
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { return nil }
        let box = try BallotBoxReader.header(MemoryByteSource(rec.template))
        struct Count: Decodable { var category: String; var spent: Bool; var n: Int }
        let counts = try await (db as! any SQLDatabase).raw("""
            SELECT category, spent, SUM(weight) AS n FROM voting_codes WHERE session_id = \(bind: id.uuidString) GROUP BY category, spent
            """).all(decoding: Count.self)
        let turnout = box.voterCategories.map { c in
            let issued = counts.filter { $0.category == c.id }.reduce(0) { $0 + $1.n }
            let spent = counts.filter { $0.category == c.id && $0.spent }.reduce(0) { $0 + $1.n }
            return (category: c.id, entitled: c.entitled, issued: issued, spent: spent)
        }
        let unit = try await UnitRecord.find(rec.unitID, on: db)
        var info = BallotSessionInfo(id: id, title: rec.title, status: BallotSessionStatus(rawValue: rec.status) ?? .draft, box: box,
                                     unitName: unit?.name ?? "", turnout: turnout, boxHash: rec.boxHash)
        info.trackingCodes = rec.trackingCodes
        return info
    }

    /// Issues `count` new codes for a category and returns them once, in plain text, for printing.
    /// Only their keyed hashes are kept; the ledger records how many were issued.
    public func issueCodes(session id: UUID, category: String, count: Int, weight: Int = 1, actor: String) async throws -> [VotingCode] {
        guard count > 0 else { throw InvalidInput(field: "count", .required) }
        guard weight >= 1, weight <= 100 else { throw InvalidInput(field: "weight", .unknownValue("\(weight)")) }
        var rng = SystemRandomNumberGenerator()
        let codes = (0 ..< count).map { _ in VotingCode.generate(using: &rng) }
        let hashes = codes.map { codeHash($0, session: id) }
        try await write { tx in
            guard let rec = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            guard rec.status != BallotSessionStatus.closed.rawValue else { throw VotingError.wrongState(.closed) }
            let box = try BallotBoxReader.header(MemoryByteSource(rec.template))
            guard let cat = box.voterCategories.first(where: { $0.id == category }) else { throw InvalidInput(field: "category", .unknownValue(category)) }
            let sql = tx.db as! any SQLDatabase
            struct N: Decodable { var n: Int }
            let issued = try await sql.raw("SELECT COALESCE(SUM(weight), 0) AS n FROM voting_codes WHERE session_id = \(bind: id.uuidString) AND category = \(bind: category)")
                .first(decoding: N.self)?.n ?? 0
            if issued + count * weight > cat.entitled { throw VotingError.tooManyCodes(category: category, entitled: cat.entitled) }
            for chunk in stride(from: 0, to: hashes.count, by: 500) {
                let rows = hashes[chunk ..< min(chunk + 500, hashes.count)].map { h -> [any SQLExpression] in
                    [SQLBind(h), SQLBind(id.uuidString), SQLBind(category), SQLLiteral.boolean(false), SQLBind(weight)]
                }
                try await sql.insert(into: "voting_codes").columns("code_hash", "session_id", "category", "spent", "weight").rows(rows).run()
            }
            try await tx.record(LedgerEvent(actor: actor, action: "ballot.codes.issue", subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["category": .string(category), "count": .int(Int64(count)), "weight": .int(Int64(weight))]))
        }
        return codes
    }

    public enum CodeStatus: Sendable { case unused(category: String), spent, unknown }

    /// Whether a code can still vote in a session (asked before showing the ballot).
    public func codeStatus(session id: UUID, code: VotingCode) async throws -> CodeStatus {
        struct Row: Decodable { var category: String; var spent: Bool }
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT category, spent FROM voting_codes WHERE code_hash = \(bind: codeHash(code, session: id)) AND session_id = \(bind: id.uuidString)
            """).first(decoding: Row.self)
        guard let row else { return .unknown }
        return row.spent ? .spent : .unused(category: row.category)
    }

    public func openBallotSession(_ id: UUID, actor: String) async throws {
        try await setStatus(id, from: .draft, to: .open, actor: actor)
    }

    func setStatus(_ id: UUID, from: BallotSessionStatus, to: BallotSessionStatus, actor: String) async throws {
        try await write { tx in
            guard let rec = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            guard rec.status == from.rawValue else { throw VotingError.wrongState(BallotSessionStatus(rawValue: rec.status) ?? .draft) }
            rec.status = to.rawValue
            try await rec.update(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: "ballot.session.\(to.rawValue)", subjectType: "ballot_session", subjectID: id.uuidString))
        }
    }

    /// Casts one ballot with a code: the code is spent and the ballot stored in one transaction, with
    /// nothing linking them. Returns the ballot's tracking code. A code used twice, even at the same
    /// moment from two servers, gives exactly one ballot.
    public func cast(session id: UUID, code: VotingCode, ballot: Ballot) async throws -> String {
        guard let fixed = try await votingHeader(id), let status = try await ballotStatus(id) else { throw VotingError.unknownCode }
        return try await cast(session: id, box: fixed.box, status: status, code: code, ballot: ballot, tracking: fixed.tracking)
    }

    /// Casting when the caller has just read the session (the voting page): the status is checked
    /// again inside the write transaction, so a session closed meanwhile still refuses the ballot.
    /// Returns the tracking code, or "" when the session gives none.
    public func cast(session id: UUID, box: BallotBox, status: BallotSessionStatus, code: VotingCode, ballot: Ballot, tracking withTracking: Bool = true) async throws -> String {
        guard status == .open else { throw VotingError.sessionNotOpen }
        if let reason = try Tally.checkBeforeCasting(ballot, in: box) { throw VotingError.invalidBallot(reason) }
        let hash = codeHash(code, session: id)
        var rng = SystemRandomNumberGenerator()
        let tracking = withTracking ? "T" + String((0 ..< 10).map { _ in VotingCode.alphabet[Int(rng.next() % 32)] }) : ""
        let content: @Sendable (String) -> String = { category in
            var b = ballot
            if case .recommendation(_, let ranking) = ballot { b = .recommendation(category: category, ranking: ranking) }
            return b.json(tracking: tracking.isEmpty ? nil : tracking)
        }
        return try await casting.submit(session: id, codeHash: hash, tracking: tracking, content: content, store: self)
    }

    /// Closes voting: the ballots are shuffled into the exported box, whose SHA-256 goes to the ledger
    /// and which is signed with the instance key. Returns the count.
    @discardableResult
    public func closeBallotSession(_ id: UUID, actor: String) async throws -> TallyResult {
        let key = ledger.key
        let boxText: String = try await write { tx in
            guard let rec = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            guard rec.status == BallotSessionStatus.open.rawValue else { throw VotingError.wrongState(BallotSessionStatus(rawValue: rec.status) ?? .draft) }
            struct Row: Decodable { var content: String }
            var contents = try await (tx.db as! any SQLDatabase).raw("SELECT content FROM ballots WHERE session_id = \(bind: id.uuidString)")
                .all(decoding: Row.self).map(\.content)
            var rng = SystemRandomNumberGenerator()
            contents.shuffle(using: &rng)
            let header = try BallotBoxReader.header(MemoryByteSource(rec.template))
            let text = header.json(rawBallots: contents)
            let hash = Digest.sha256Hex(text)
            rec.status = BallotSessionStatus.closed.rawValue
            rec.box = text
            rec.boxHash = hash
            rec.boxSignature = Hex.encode(try key.privateKey.signature(for: Data(text.utf8)))
            try await rec.update(on: tx.db)
            try await tx.record(LedgerEvent(actor: actor, action: "ballot.session.closed", subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["box_sha256": .string(hash), "cast": .int(Int64(contents.count))]))
            return text
        }
        return try BallotBoxReader.tally { MemoryByteSource(boxText) }
    }

    /// The exported box of a closed session, with its detached signature (hex Ed25519) and public key.
    public func ballotBox(_ id: UUID) async throws -> (box: String, signature: String, publicKey: String)? {
        guard let rec = try await BallotSessionRecord.find(id, on: db), let box = rec.box, let sig = rec.boxSignature else { return nil }
        return (box, sig, ledger.key.publicKeyHex)
    }

    public func ballotResult(_ id: UUID) async throws -> TallyResult? {
        guard let b = try await ballotBox(id) else { return nil }
        return try BallotBoxReader.tally { MemoryByteSource(b.box) }
    }
}
