@preconcurrency import Crypto
import FluentKit
import NIOPosix
import Foundation
import SelectionCore
import SQLKit

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
    public var unitID = UUID()
    /// BAL-9: the custodians holding key shares, and how many of them must confirm the opening.
    public var custodians: [String] = []
    public var custodianThreshold = 0
    /// False for a session created before sealed ballots.
    public var sealed = true

    public init(id: UUID, title: String, status: BallotSessionStatus, box: BallotBox, unitName: String,
                turnout: [(category: String, entitled: Int, issued: Int, spent: Int)], boxHash: String?) {
        self.id = id; self.title = title; self.status = status; self.box = box; self.unitName = unitName; self.turnout = turnout; self.boxHash = boxHash
    }
}

public enum VotingError: UserFacingError, Equatable {
    case unknownCode
    case ballotTooLong
    case codeAlreadyUsed
    case sessionNotOpen
    case invalidBallot(InvalidReason)
    case tooManyCodes(category: String, entitled: Int)
    case wrongState(BallotSessionStatus)

    public var kind: ErrorKind {
        switch self {
        case .unknownCode, .invalidBallot, .tooManyCodes, .ballotTooLong: .badInput
        case .codeAlreadyUsed, .sessionNotOpen, .wrongState: .conflict
        }
    }

    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .ballotTooLong: return zh ? "选票内容过长（另选他人时姓名最多\(BallotPadding.maxWriteInCharacters)个字）" : "The ballot is too long (names written in have at most \(BallotPadding.maxWriteInCharacters) characters)"
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

    /// Creates a draft session of `unitCode`, whose ballots will be sealed for `custodians` (BAL-9): the session's
    /// key pair is made here, its private half split among the custodians (each share sealed to their own key)
    /// and forgotten. `trackingCodes`: each voter gets a code to find their ballot in the published box (default).
    /// A voter can also show that code to someone else as proof of a vote; where vote buying is a risk (CAS-4) a
    /// session can go without. The acting user must be an organizer (or administrator) of the unit. `alongside` runs
    /// in the same transaction after the session is written.
    @discardableResult
    public func createBallotSession(unitCode: String, box: BallotBox, previousRound: UUID? = nil, disclosure: DisclosureScope = .everyone,
                                    pairedWith: UUID? = nil, trackingCodes: Bool = true, custodians plan: CustodianPlan,
                                    by user: ActingUser, alongside: (@Sendable (Transaction, UUID) async throws -> Void)? = nil) async throws -> UUID {
        let title = box.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { throw InvalidInput(field: "title", .required) }
        _ = try Tally.count(BallotBox(title: title, settings: box.settings, candidates: box.candidates, ballots: []))  // validates
        let plan = try CustodianPlan.checked(names: plan.names, threshold: plan.threshold)
        let id = UUID()
        let template = BallotBox(title: title, settings: box.settings, candidates: box.candidates, ballots: []).json()
        let padLength = BallotPadding.length(for: box)
        // the session key: public half kept, private half only as shares sealed to the custodians
        let sessionKey = Curve25519.KeyAgreement.PrivateKey()
        let keys = try await custodianPublicKeys(plan.names, on: db)
        for n in plan.names where keys[n] == nil { throw InvalidInput(field: "custodians", .described(
            zh: CustodianError.noKey(n).message(in: .zhHans), en: CustodianError.noKey(n).message(in: .en))) }
        var rng = SystemRandomNumberGenerator()
        let shares = try SecretSharing.split(Array(sessionKey.rawRepresentation), threshold: plan.threshold, count: plan.names.count, using: &rng)
        let sealedShares = try zip(plan.names, shares).map { try BallotSeal.sealShare($1, to: keys[$0]!, session: id, custodian: $0) }
        let sealPublic = Hex.encode(sessionKey.publicKey.rawRepresentation)
        let session = BallotSession.new(plan)
        try await write { tx in
            guard let unit = try await UnitRecord.query(on: tx.db).filter(\.$code == unitCode.lowercased()).first() else {
                throw InvalidInput(field: "unit", .notFound(unitCode))
            }
            try await Self.require(user, [.admin, .organizer], on: unit.id!, tx.db)
            let rec = BallotSessionRecord(id: id, unitID: unit.id!, title: title, kind: box.kind.rawValue, template: template, disclosure: disclosure)
            if let previousRound {
                // BAL-4: only a closed round of the same kind, of a unit this organizer manages, can be shown to the voters of the next
                guard let prev = try await BallotSessionRecord.find(previousRound, on: tx.db),
                      try await Self.unitTree(on: tx.db).permits(user, [.admin, .organizer], on: prev.unitID)
                else { throw InvalidInput(field: "previousRound", .notAllowed(previousRound.uuidString)) }
                try BallotSession.checkPreviousRound(status: BallotSessionStatus(rawValue: prev.status) ?? .draft, kind: BallotKind(rawValue: prev.kind) ?? box.kind,
                                                     newKind: box.kind, id: previousRound.uuidString)
                rec.previousID = previousRound
            }
            if let pairedWith {
                // BAL-5: the other vote of the pair must be a session of the same unit, not already paired
                guard let other = try await BallotSessionRecord.find(pairedWith, on: tx.db) else {
                    throw InvalidInput(field: "pairedWith", .notAllowed(pairedWith.uuidString))
                }
                let taken = try await BallotSessionRecord.query(on: tx.db).filter(\.$pairedID == pairedWith).count() > 0
                try BallotSession.checkPair(sameUnit: other.unitID == unit.id, otherAlreadyPaired: other.pairedID != nil || taken, id: pairedWith.uuidString)
                rec.pairedID = pairedWith
            }
            rec.trackingCodes = trackingCodes
            rec.status = session.status.rawValue
            rec.sealPublicKey = sealPublic
            rec.custodianThreshold = plan.threshold
            rec.padLength = padLength
            try await rec.create(on: tx.db)
            let sql = tx.db as! any SQLDatabase
            for (i, (name, share)) in zip(plan.names, sealedShares).enumerated() {
                try await sql.raw("""
                    INSERT INTO ballot_custodians (session_id, username, position, sealed_share) VALUES (\(bind: id.uuidString), \(bind: name), \(bind: i + 1), \(bind: share))
                    """).run()
            }
            try await tx.record(LedgerEvent(actor: user.name, action: BallotLedgerAction.sessionCreate, subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["title": .string(title), "kind": .string(box.kind.rawValue), "unit": .string(unit.code),
                                                      "template_sha256": .string(Digest.sha256Hex(template)),
                                                      "previousRound": previousRound.map { .string($0.uuidString) } ?? .null,
                                                      "disclosure": .string(disclosure.rawValue),
                                                      "pairedWith": pairedWith.map { .string($0.uuidString) } ?? .null,
                                                      "trackingCodes": .bool(trackingCodes),
                                                      "sealPublicKey": .string(sealPublic),
                                                      "custodians": .array(plan.names.map { .string($0) }),
                                                      "custodianThreshold": .int(Int64(plan.threshold)),
                                                      "padLength": .int(Int64(padLength))]))
            // a caller's own change in the same transaction (a matter linking the sessions it created)
            try await alongside?(tx, id)
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

    /// The sessions of the units where `user` is an organizer, supervisor or administrator (BAL: deny by default).
    public func ballotSessions(visibleTo user: ActingUser, roles: Set<Role> = [.admin, .organizer, .supervisor]) async throws -> [BallotSessionInfo] {
        let tree = try await Self.unitTree(on: db)
        var out: [BallotSessionInfo] = []
        for rec in try await BallotSessionRecord.query(on: db).all() where tree.permits(user, roles, on: rec.unitID) {
            out.append(try await sessionInfo(rec))
        }
        return out.sorted { $0.title < $1.title }
    }

    /// One session for a signed-in page: refused (`NotPermitted`) unless `user` holds one of `roles` on its unit.
    public func ballotSession(_ id: UUID, for user: ActingUser, roles: Set<Role> = [.admin, .organizer, .supervisor]) async throws -> BallotSessionInfo? {
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { return nil }
        try await Self.require(user, roles, on: rec.unitID, db)
        return try await sessionInfo(rec)
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

    /// What never changes in a session (its title, ballot template, sealing key and padded length), from memory
    /// after the first read. Casting needs no more: the status is checked inside the casting transaction.
    public func votingHeader(_ id: UUID) async throws -> VotingHeader? {
        if let cached = templates.cached(id) { return cached }
        struct Row: Decodable { var title: String; var template: String; var tracking_codes: Bool; var seal_public_key: String?; var pad_length: Int? }
        guard let row = try await (db as! any SQLDatabase).raw("""
            SELECT title, template, tracking_codes, seal_public_key, pad_length FROM ballot_sessions WHERE id = \(bind: id)
            """).first(decoding: Row.self) else { return nil }
        let seal = try row.seal_public_key.flatMap(Hex.decode).map { try Curve25519.KeyAgreement.PublicKey(rawRepresentation: $0) }
        return try templates.entry(id, title: row.title, template: row.template, tracking: row.tracking_codes, seal: seal, padLength: row.pad_length ?? 0)
    }

    /// The sessions open for voting (the voters' short links resolve among them).
    public func openSessionIDs() async throws -> [UUID] {
        try await BallotSessionRecord.query(on: db).filter(\.$status == BallotSessionStatus.open.rawValue).all().compactMap(\.id)
    }

    public func ballotSession(_ id: UUID) async throws -> BallotSessionInfo? {
        guard let rec = try await BallotSessionRecord.find(id, on: db) else { return nil }
        return try await sessionInfo(rec)
    }

    /// A session's page data from its record (read once by the caller).
    func sessionInfo(_ rec: BallotSessionRecord) async throws -> BallotSessionInfo {
        let id = rec.id!
        let box = try BallotBoxReader.header(MemoryByteSource(rec.template))
        let counts: [TurnoutCount]
        if let snapshot = rec.turnout { counts = try Self.decodeTurnout(snapshot) } else { counts = try await liveTurnout(id) }
        let turnout = box.voterCategories.map { c in
            let issued = counts.filter { $0.category == c.id }.reduce(0) { $0 + $1.n }
            let spent = counts.filter { $0.category == c.id && $0.spent }.reduce(0) { $0 + $1.n }
            return (category: c.id, entitled: c.entitled, issued: issued, spent: spent)
        }
        let unit = try await UnitRecord.find(rec.unitID, on: db)
        var info = BallotSessionInfo(id: id, title: rec.title, status: BallotSessionStatus(rawValue: rec.status) ?? .draft, box: box,
                                     unitName: unit?.name ?? "", turnout: turnout, boxHash: rec.boxHash)
        info.trackingCodes = rec.trackingCodes
        info.unitID = rec.unitID
        info.custodians = try await Self.custodianNames(id, on: db)
        info.custodianThreshold = rec.custodianThreshold ?? 0
        info.sealed = rec.sealPublicKey != nil
        return info
    }

    struct TurnoutCount: Codable { var category: String; var spent: Bool; var n: Int }

    /// Codes issued and spent per category while the session's codes exist (counts only).
    func liveTurnout(_ id: UUID, on db: (any Database)? = nil) async throws -> [TurnoutCount] {
        try await ((db ?? self.db) as! any SQLDatabase).raw("""
            SELECT category, spent, SUM(weight) AS n FROM voting_codes WHERE session_id = \(bind: id.uuidString) GROUP BY category, spent
            """).all(decoding: TurnoutCount.self)
    }

    static func decodeTurnout(_ text: String) throws -> [TurnoutCount] {
        try JSONDecoder().decode([TurnoutCount].self, from: Data(text.utf8))
    }

    /// The custodians named for a session, in the order of their shares.
    static func custodianNames(_ id: UUID, on db: any Database) async throws -> [String] {
        struct Row: Decodable { var username: String }
        return try await (db as! any SQLDatabase).raw("SELECT username FROM ballot_custodians WHERE session_id = \(bind: id.uuidString) ORDER BY position")
            .all(decoding: Row.self).map(\.username)
    }

    /// Loads a session's workflow value inside a transaction.
    static func workflow(_ rec: BallotSessionRecord, on db: any Database) async throws -> BallotSession {
        BallotSession(status: BallotSessionStatus(rawValue: rec.status) ?? .draft, custodians: try await custodianNames(rec.id!, on: db),
                             threshold: rec.custodianThreshold ?? 0, sealed: rec.sealPublicKey != nil)
    }

    /// Issues `count` new codes for a category and returns them once, in plain text, for printing.
    /// Only their keyed hashes are kept; the ledger records how many were issued.
    public func issueCodes(session id: UUID, category: String, count: Int, weight: Int = 1, by user: ActingUser) async throws -> [VotingCode] {
        guard count > 0 else { throw InvalidInput(field: "count", .required) }
        guard count <= 100_000 else { throw InvalidInput(field: "count", .notAllowed("≤ 100000")) }
        var rng = random.generator()
        let codes = (0 ..< count).map { _ in VotingCode.generate(using: &rng) }
        let hashes = codes.map { codeHash($0, session: id) }
        try await write { tx in
            guard let rec = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            try await Self.require(user, [.admin, .organizer], on: rec.unitID, tx.db)
            let box = try BallotBoxReader.header(MemoryByteSource(rec.template))
            guard let cat = box.voterCategories.first(where: { $0.id == category }) else { throw InvalidInput(field: "category", .unknownValue(category)) }
            let sql = tx.db as! any SQLDatabase
            struct N: Decodable { var n: Int }
            let issued = try await sql.raw("SELECT COALESCE(SUM(weight), 0) AS n FROM voting_codes WHERE session_id = \(bind: id.uuidString) AND category = \(bind: category)")
                .first(decoding: N.self)?.n ?? 0
            try await Self.workflow(rec, on: tx.db).issue(count: count, weight: weight, alreadyIssued: issued, entitled: cat.entitled, category: category)
            for chunk in stride(from: 0, to: hashes.count, by: 500) {
                let rows = hashes[chunk ..< min(chunk + 500, hashes.count)].map { h -> [any SQLExpression] in
                    [SQLBind(h), SQLBind(id.uuidString), SQLBind(category), SQLLiteral.boolean(false), SQLBind(weight)]
                }
                try await sql.insert(into: "voting_codes").columns("code_hash", "session_id", "category", "spent", "weight").rows(rows).run()
            }
            try await tx.record(LedgerEvent(actor: user.name, action: BallotLedgerAction.codesIssue, subjectType: "ballot_session", subjectID: id.uuidString,
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

    public func openBallotSession(_ id: UUID, by user: ActingUser) async throws {
        try await write { tx in
            guard let rec = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            try await Self.require(user, [.admin, .organizer], on: rec.unitID, tx.db)
            var session = try await Self.workflow(rec, on: tx.db)
            try session.open()
            rec.status = session.status.rawValue
            try await rec.update(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: BallotLedgerAction.sessionOpen, subjectType: "ballot_session", subjectID: id.uuidString))
        }
    }

    /// Casts one ballot with a code: the code is spent and the ballot stored, sealed, in one transaction, with
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
        guard let header = try await votingHeader(id) else { throw VotingError.unknownCode }
        guard let seal = header.seal else { throw BallotSessionError.unsealedSession }
        let hash = codeHash(code, session: id)
        let content: @Sendable (String, String) -> String = { category, tracking in
            var b = ballot
            if case .recommendation(_, let ranking) = ballot { b = .recommendation(category: category, ranking: ranking) }
            return b.json(tracking: tracking.isEmpty ? nil : tracking)
        }
        // the longest category name with a tracking code must fit the session's fixed length
        let longest = box.voterCategories.map(\.id).max { $0.utf8.count < $1.utf8.count } ?? ""
        guard BallotPadding.pad(content(longest, BallotPadding.trackingSample), to: header.padLength) != nil else { throw VotingError.ballotTooLong }
        let (context, persisted) = try sealContexts.context(for: id, publicKey: seal)
        return try await casting.submit(CastBatcher.Cast(session: id, codeHash: hash, tracking: withTracking, content: content,
                                                         padLength: header.padLength, context: context, contextPersisted: persisted), store: self)
    }

    /// A tracking code: `T` and ten characters of the voting-code alphabet.
    func newTracking() -> String {
        var rng = random.generator()
        return "T" + String((0 ..< 10).map { _ in VotingCode.alphabet[Int(rng.next() % 32)] })
    }

    /// Closes voting and opens the sealed ballots (BAL-9): at least the plan's number of custodians confirm with
    /// their own passwords (each checked like a sign-in); their shares rebuild the session key, the ballots are
    /// opened, shuffled and written as the box in one transaction, whose SHA-256 goes to the ledger with the names
    /// of the custodians who confirmed, and which is signed with the instance key. The sealed ballots, the
    /// sealing contexts, the session's codes and the custodians' shares are deleted in the same transaction;
    /// then the database files are scrubbed (SQLite: WAL truncated, freed pages zeroed; PostgreSQL: VACUUM).
    @discardableResult
    public func closeBallotSession(_ id: UUID, custodians confirmations: [CustodianConfirmation], by user: ActingUser,
                                   hasher: any PasswordHashing) async throws -> TallyResult {
        guard let before = try await BallotSessionRecord.find(id, on: db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
        try await Self.require(user, [.admin, .organizer], on: before.unitID, db)
        var probe = try await Self.workflow(before, on: db)
        _ = try probe.close(confirmedBy: confirmations.map(\.username), pendingPaperSheets: try await pendingPaperSheets(id))
        var recovered: Curve25519.KeyAgreement.PrivateKey? = nil
        if let pub = before.sealPublicKey {
            let shares = try await custodianShares(session: id, confirmations: confirmations, hasher: hasher)
            let raw = try SecretSharing.combine(shares, threshold: probe.threshold)
            guard let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw), Hex.encode(key.publicKey.rawRepresentation) == pub else {
                throw CustodianError.sharesDoNotFit
            }
            recovered = key
        }
        let privateKey = recovered
        let key = ledger.key
        let boxText: String = try await write { tx in
            guard let rec = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            try await Self.require(user, [.admin, .organizer], on: rec.unitID, tx.db)
            var session = try await Self.workflow(rec, on: tx.db)
            let confirmed = try session.close(confirmedBy: confirmations.map(\.username), pendingPaperSheets: try await self.pendingPaperSheets(id, on: tx.db))
            let sql = tx.db as! any SQLDatabase
            var contents = try await Self.openSealedBallots(id, privateKey: privateKey, macKey: BallotSeal.macKey(instance: key, session: id), on: sql)
            if session.sealed { try await Self.checkAgainstLedger(rec, sealedCount: contents.count, on: tx.db) }
            var rng = self.random.generator()
            contents.shuffle(using: &rng)
            let header = try BallotBoxReader.header(MemoryByteSource(rec.template))
            let text = header.json(rawBallots: contents)
            let hash = Digest.sha256Hex(text)
            // turnout counts survive the codes
            let turnout = try await self.liveTurnout(id, on: tx.db)
            rec.turnout = String(decoding: try JSONEncoder().encode(turnout), as: UTF8.self)
            rec.status = session.status.rawValue
            rec.box = text
            rec.boxHash = hash
            rec.boxSignature = Hex.encode(try key.privateKey.signature(for: Data(text.utf8)))
            try await rec.update(on: tx.db)
            for table in ["sealed_ballots", "ballot_seal_contexts", "voting_codes", "ballots"] {
                try await sql.raw("DELETE FROM \(unsafeRaw: table) WHERE session_id = \(bind: id.uuidString)").run()
            }
            try await sql.raw("UPDATE ballot_custodians SET sealed_share = NULL WHERE session_id = \(bind: id.uuidString)").run()
            try await tx.record(LedgerEvent(actor: user.name, action: BallotLedgerAction.sessionClosed, subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["box_sha256": .string(hash), "cast": .int(Int64(contents.count)),
                                                      "custodians": .array(confirmed.map { .string($0) })]))
            return text
        }
        sealContexts.forget(id)
        try await scrubAfterClosing()
        return try BallotBoxReader.tally { MemoryByteSource(boxText) }
    }

    /// Before a box is opened, what the database holds must match what the ledger recorded: as many sealed
    /// ballots as the casting batches and paper acceptances counted, and the template whose hash the creation
    /// recorded. Someone who wrote to the database during voting (an added or deleted sealed ballot, a changed
    /// candidate list) is caught here, not after publication.
    static func checkAgainstLedger(_ rec: BallotSessionRecord, sealedCount: Int, on db: any Database) async throws {
        let id = rec.id!.uuidString
        let entries = try await LedgerEntryRecord.query(on: db).filter(\.$subjectType == "ballot_session").filter(\.$subjectID == id).all()
        struct Count: Decodable { var count: Int? }
        struct Create: Decodable { var template_sha256: String? }
        var recorded = 0
        for e in entries where e.action == BallotLedgerAction.codeSpent.rawValue || e.action == BallotLedgerAction.paperAccepted.rawValue {
            recorded += (try? JSONDecoder().decode(Count.self, from: Data(e.payload.utf8)).count) ?? 0
        }
        guard recorded == sealedCount else { throw BallotSessionError.recordMismatch(sealed: sealedCount, recorded: recorded) }
        if let created = entries.first(where: { $0.action == BallotLedgerAction.sessionCreate.rawValue }),
           let hash = try? JSONDecoder().decode(Create.self, from: Data(created.payload.utf8)).template_sha256,
           hash != Digest.sha256Hex(rec.template) {
            throw BallotSessionError.templateChanged
        }
    }

    /// The session's ballots in plain text: the sealed ones opened with the recovered key (and, for a session
    /// created before sealed ballots, its plaintext rows).
    /// A sealed ballot this server did not seal (its MAC does not match) or that does not open stops the opening.
    static func openSealedBallots(_ id: UUID, privateKey: Curve25519.KeyAgreement.PrivateKey?, macKey: SymmetricKey, on sql: any SQLDatabase) async throws -> [String] {
        struct Legacy: Decodable { var content: String }
        var contents = try await sql.raw("SELECT content FROM ballots WHERE session_id = \(bind: id.uuidString)").all(decoding: Legacy.self).map(\.content)
        guard let privateKey else { return contents }
        struct Ctx: Decodable { var id: String; var encapsulated: String }
        var keys: [UUID: SymmetricKey] = [:]
        for c in try await sql.raw("SELECT id, encapsulated FROM ballot_seal_contexts WHERE session_id = \(bind: id.uuidString)").all(decoding: Ctx.self) {
            guard let cid = UUID(uuidString: c.id), let enc = Data(base64Encoded: c.encapsulated) else { throw CustodianError.sharesDoNotFit }
            keys[cid] = try BallotSeal.contextKey(session: id, encapsulated: enc, privateKey: privateKey)
        }
        struct Sealed: Decodable { var sealed: String }
        for row in try await sql.raw("SELECT sealed FROM sealed_ballots WHERE session_id = \(bind: id.uuidString)").all(decoding: Sealed.self) {
            guard let data = Data(base64Encoded: row.sealed), let cid = BallotSeal.contextID(of: data), let k = keys[cid],
                  let padded = BallotSeal.open(data, key: k, session: id, macKey: macKey), let text = BallotPadding.unpad(padded)
            else { throw BallotSessionError.foreignBallot }
            contents.append(text)
        }
        return contents
    }

    /// After closing: nothing of the sealed rows, codes or shares is left in the database files.
    /// SQLite zeroes freed cells (`secure_delete`, set on every write) and the WAL is checkpointed and truncated;
    /// PostgreSQL's dead row versions are vacuumed away (they hold only ciphertext under a forgotten key anyway).
    func scrubAfterClosing() async throws {
        let sql = db as! any SQLDatabase
        if isPostgres {
            try await sql.raw("VACUUM sealed_ballots, ballot_seal_contexts, voting_codes, ballot_custodians, paper_entries, ballots").run()
        } else {
            try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        }
    }

    /// The exported box of a closed session, with its detached signature (hex Ed25519) and public key. A box that
    /// does not match the SHA-256 its closing ledger entry recorded, or its signature, is refused (`BoxTampered`):
    /// no page shows or counts it (LED-2).
    public func ballotBox(_ id: UUID) async throws -> (box: String, signature: String, publicKey: String)? {
        guard let rec = try await BallotSessionRecord.find(id, on: db), let box = rec.box, let sig = rec.boxSignature else { return nil }
        // the row just read is checked as it is (not read again): against the closing entry's hash and the signature
        let recorded = try await Self.recordedBoxHashes(db as! any SQLDatabase, session: id)[id] ?? []
        let check = BoxCheck.check(box: box, storedHash: rec.boxHash, signature: sig, recorded: recorded, publicKeys: [ledger.key.publicKeyHex])
        guard check.isOK else { throw BoxTampered(detail: check.description) }
        return (box, sig, ledger.key.publicKeyHex)
    }

    /// SEL-5: whether an organizer has confirmed the names written in (the public page shows them only then).
    public func writeInsConfirmed(_ id: UUID) async throws -> Bool {
        try await BallotSessionRecord.find(id, on: db)?.writeInsConfirmed ?? false
    }

    /// SEL-5: an organizer of the session's unit confirms the list of names written in on a closed election, so that
    /// the public results page shows them. The ledger records how many names and their hash.
    public func confirmWriteIns(session id: UUID, by user: ActingUser) async throws {
        guard let result = try await ballotResult(id) else { throw BallotSessionError.wrongState(.open) }
        try await write { tx in
            guard let rec = try await BallotSessionRecord.find(id, on: tx.db) else { throw InvalidInput(field: "session", .notFound(id.uuidString)) }
            try await Self.require(user, [.admin, .organizer], on: rec.unitID, tx.db)
            let listed = Set(try BallotBoxReader.header(MemoryByteSource(rec.template)).candidates.map(\.id))
            let names = result.writeIns(listed: listed)
            rec.writeInsConfirmed = true
            try await rec.update(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: BallotLedgerAction.writeInsConfirmed, subjectType: "ballot_session", subjectID: id.uuidString,
                                            payload: ["count": .int(Int64(names.count)), "names_sha256": .string(Digest.sha256Hex(names.joined(separator: "\n")))]))
        }
    }

    public func ballotResult(_ id: UUID) async throws -> TallyResult? {
        guard let b = try await ballotBox(id) else { return nil }
        return try BallotBoxReader.tally { MemoryByteSource(b.box) }
    }
}

/// A closed session's stored box no longer matches its ledger record or signature.
public struct BoxTampered: UserFacingError, Equatable {
    public var detail: String
    public var kind: ErrorKind { .conflict }
    public func message(in language: Language) -> String {
        language == .zhHans ? "此次投票保存的票箱与全程纪实记录或签名不符，已拒绝显示（\(detail)）。请通知纪检监察部门。"
                            : "This vote's stored ballot box does not match its ledger record or signature and is not shown (\(detail)). Please tell the supervisors."
    }
}
