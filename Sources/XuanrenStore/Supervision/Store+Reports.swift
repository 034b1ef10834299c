@preconcurrency import Crypto
import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// A real-name reporter (CAS-2): sealed at once, read only by the supervisors the case is assigned to.
public struct ReporterIdentity: Sendable, Codable, Equatable {
    public var name: String
    public var phone: String
    public var identityNumber: String
    public init(name: String, phone: String, identityNumber: String = "") { self.name = name; self.phone = phone; self.identityNumber = identityNumber }
}

/// One attachment of a report, as uploaded.
public struct ReportUpload: Sendable {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
}

/// A report as written on the public form or entered by a clerk (CAS-1).
public struct ReportSubmission: Sendable {
    public var unit: UUID?
    public var kind: ReportKind
    public var channel: ReportChannel
    public var text: String
    /// CAS-4: about the committee's or the organization department's main leaders.
    public var aboutLeaders: Bool
    /// What the reporter says the report is about (a published matter, a person's name): for the supervisors, who
    /// link the case to it (CAS-3); sealed with the text.
    public var matter: UUID?
    public var person: String
    public var reporter: ReporterIdentity?
    public var attachments: [ReportUpload]
    /// The day a call, letter or visit came (clerk entry); a web report's day is today.
    public var received: CivilDay?

    public init(unit: UUID?, kind: ReportKind, channel: ReportChannel = .web, text: String, aboutLeaders: Bool = false, matter: UUID? = nil,
                person: String = "", reporter: ReporterIdentity? = nil, attachments: [ReportUpload] = [], received: CivilDay? = nil) {
        self.unit = unit; self.kind = kind; self.channel = channel; self.text = text; self.aboutLeaders = aboutLeaders; self.matter = matter
        self.person = person; self.reporter = reporter; self.attachments = attachments; self.received = received
    }
}

/// What the reporter takes away: the case number and the one-time receipt code (shown once, never stored).
public struct ReportReceiptView: Sendable {
    public var number: String
    public var code: String
}

/// What a receipt code shows: the case's progress and, once concluded, the outcome written for the reporter.
public struct ReportFollowView: Sendable {
    public var number: String
    public var kind: ReportKind
    public var received: CivilDay
    public var state: CaseState
    public var concluded: CivilDay?
    public var finding: CaseFinding?
    public var feedback: String
}

/// The sealed part of a report: its text and what the reporter said it is about.
struct ReportContent: Codable {
    var text: String
    var matter: UUID?
    var person: String
    var attachments: [String]
}

/// A report checked and sealed, ready to be written (by a batch or a clerk's entry).
struct PreparedReport: Sendable {
    var id: String
    var value: ReportCase
    var receiptHash: String
    var sealedText: String
    var sealedIdentity: String?
    var attachments: [(id: String, type: String, size: Int, sealed: String)]
}

extension Store {
    var reportKeys: ReportKeys { ReportKeys(ledger.key) }

    // MARK: CAS-1 intake

    /// Checks a submission and names every field that is wrong, in one error.
    func checkSubmission(_ s: ReportSubmission, tree: UnitTree) throws -> (unit: UUID, text: String, reporter: ReporterIdentity?) {
        var issues: [InvalidInput.Issue] = []
        let text = s.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { issues.append(.init(field: "text", problem: .required)) }
        else if text.count < ReportLimits.minText { issues.append(.init(field: "text", problem: .tooShort(min: ReportLimits.minText))) }
        else if text.count > ReportLimits.maxText { issues.append(.init(field: "text", problem: .tooLong(max: ReportLimits.maxText))) }
        var unit: UUID? = nil
        if let u = s.unit, tree.units.contains(where: { $0.id == u }) { unit = u }
        else { issues.append(.init(field: "unit", problem: s.unit == nil ? .required : .notFound(s.unit!.uuidString))) }
        if s.person.count > 50 { issues.append(.init(field: "person", problem: .tooLong(max: 50))) }
        var reporter: ReporterIdentity? = nil
        if var r = s.reporter {
            r.name = r.name.trimmingCharacters(in: .whitespaces); r.phone = r.phone.filter { !$0.isWhitespace }
            r.identityNumber = r.identityNumber.filter { !$0.isWhitespace }.uppercased()
            if r.name.isEmpty { issues.append(.init(field: "reporterName", problem: .required)) }
            else if r.name.count > 50 { issues.append(.init(field: "reporterName", problem: .tooLong(max: 50))) }
            if r.phone.isEmpty { issues.append(.init(field: "reporterPhone", problem: .required)) }
            else if !(7 ... 20).contains(r.phone.count) || !r.phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) {
                issues.append(.init(field: "reporterPhone", problem: .described(zh: "电话号码为7至20位数字", en: "a phone number is 7 to 20 digits")))
            }
            if !r.identityNumber.isEmpty {
                do { _ = try ResidentID(r.identityNumber) } catch { issues.append(.init(field: "reporterID", problem: .described(zh: error.message(in: .zhHans), en: error.message(in: .en)))) }
            }
            reporter = r
        }
        if s.attachments.count > ReportLimits.maxAttachments {
            issues.append(.init(field: "attachments", problem: .described(zh: "附件最多\(ReportLimits.maxAttachments)个", en: "at most \(ReportLimits.maxAttachments) attachments")))
        }
        for (i, a) in s.attachments.enumerated() {
            if a.bytes.count > ReportLimits.maxAttachmentBytes {
                issues.append(.init(field: "attachments", problem: .described(zh: "第\(i + 1)个附件超过5MB", en: "attachment \(i + 1) is larger than 5 MB")))
            } else if ReportLimits.attachmentType(a.bytes) == nil {
                issues.append(.init(field: "attachments", problem: .described(zh: "第\(i + 1)个附件不是PDF、JPEG或PNG文件", en: "attachment \(i + 1) is not a PDF, JPEG or PNG file")))
            }
        }
        if let d = s.received, d > today { issues.append(.init(field: "received", problem: .described(zh: "日期不能晚于今天", en: "the date cannot be in the future"))) }
        if !issues.isEmpty { throw InvalidInput(issues) }
        return (unit!, text, reporter)
    }

    /// Seals a checked submission under a new random id, case number and receipt code.
    func prepare(_ s: ReportSubmission, unit: UUID, text: String, reporter: ReporterIdentity?, tree: UnitTree, by: String) throws -> (PreparedReport, String) {
        let keys = reportKeys
        let id = Hex.encode(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
        let day = s.received ?? today
        // CAS-4: a report about the main leaders goes to the level above
        let handling = s.aboutLeaders ? (tree.units.first { $0.id == unit }?.parentID ?? unit) : unit
        var rng = SystemRandomNumberGenerator()
        let number = ReportCase.number(year: day.year, random: rng.next())
        let value = ReportCase(number: number, kind: s.kind, channel: s.channel, received: day, unit: unit, handlingUnit: handling,
                               aboutLeaders: s.aboutLeaders, anonymous: reporter == nil, by: by)
        let code = ReceiptCode.make((0 ..< 13).map { _ in UInt8.random(in: 0 ... 255, using: &rng) })
        var attachments: [(id: String, type: String, size: Int, sealed: String)] = []
        for a in s.attachments {
            let aid = Hex.encode(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
            attachments.append((aid, ReportLimits.attachmentType(a.bytes)!, a.bytes.count, try keys.seal(Data(a.bytes), caseID: id, purpose: "attachment:" + aid)))
        }
        let content = ReportContent(text: text, matter: s.matter, person: s.person.trimmingCharacters(in: .whitespaces), attachments: attachments.map(\.id))
        let sealedText = try keys.seal(try JSONEncoder.sorted.encode(content), caseID: id, purpose: "text")
        let sealedIdentity = try reporter.map { try keys.seal(try JSONEncoder.sorted.encode($0), caseID: id, purpose: "identity") }
        return (PreparedReport(id: id, value: value, receiptHash: keys.receiptHash(ReceiptCode.normalize(code)!), sealedText: sealedText,
                               sealedIdentity: sealedIdentity, attachments: attachments), code)
    }

    /// CAS-1: a report from the public form (no account). Written with others that arrive together, in a shuffled
    /// order, under one ledger entry that lists keyed digests only; the receipt is returned once the batch is on disk.
    /// `client`: the requester's address, used for the daily limit only (hashed under a daily key, in memory).
    public func fileReport(_ s: ReportSubmission, client: String, dailyLimit: Int) async throws -> ReportReceiptView {
        var s = s
        s.channel = .web; s.received = nil
        let tree = try await Self.unitTree(on: db)
        let (unit, text, reporter) = try checkSubmission(s, tree: tree)
        guard reportQuota.take(client: client, day: today, limit: dailyLimit, key: reportKeys.quota) else { throw ReportLimitReached(limit: dailyLimit) }
        let (prepared, code) = try prepare(s, unit: unit, text: text, reporter: reporter, tree: tree, by: "12380")
        let number = try await reporting.submit(prepared, store: self)
        return ReportReceiptView(number: number, code: code)
    }

    /// Writes a batch of public reports in one transaction, in a random order, with one ledger entry.
    func writeReports(_ batch: [PreparedReport]) async throws -> [Result<String, any Error>] {
        var rng = SystemRandomNumberGenerator()
        let order = Array(batch.indices).shuffled(using: &rng)
        let keys = reportKeys
        return try await write { tx in
            var out = [Result<String, any Error>](repeating: .failure(NotPermitted()), count: batch.count)
            var digests: [String] = []
            for i in order {
                var p = batch[i]
                p.value.number = try await Self.freshNumber(p.value.number, year: p.value.received.year, tx.db)
                let state = try Self.json(p.value)
                try await Self.insertReport(p, state: state, tx.db)
                digests.append(keys.digest(caseID: p.id, sealedText: p.sealedText, state: state))
                out[i] = .success(p.value.number)
            }
            try await tx.record(LedgerEvent(actor: "12380", action: SupervisionLedgerAction.received, subjectType: "reports", subjectID: self.today.description,
                                            payload: ["count": .int(Int64(batch.count)), "digests": .array(digests.sorted().map { .string($0) })]))
            return out
        }
    }

    /// CAS-1: a report a clerk (or an organizer or supervisor) entered from a call, letter or visit, on the unit it
    /// concerns. The clerk gives the reporter the number and the receipt code.
    public func enterReport(_ s: ReportSubmission, by user: ActingUser) async throws -> ReportReceiptView {
        if s.channel == .web { throw InvalidInput(field: "channel", .notAllowed("web")) }
        let tree = try await Self.unitTree(on: db)
        let (unit, text, reporter) = try checkSubmission(s, tree: tree)
        if !user.isSystem && !tree.permits(user, [.clerk, .organizer, .supervisor], on: unit) { throw NotPermitted() }
        let (prepared, code) = try prepare(s, unit: unit, text: text, reporter: reporter, tree: tree, by: user.name)
        return try await write { tx in
            var p = prepared
            p.value.number = try await Self.freshNumber(p.value.number, year: p.value.received.year, tx.db)
            try await Self.insertReport(p, state: try Self.json(p.value), tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: SupervisionLedgerAction.entered, subjectType: "case", subjectID: p.id,
                                            payload: ["case": .string(p.value.number), "channel": .string(s.channel.rawValue),
                                                      "kind": .string(s.kind.rawValue), "received": .string(p.value.received.description),
                                                      "anonymous": .bool(reporter == nil)]))
            return ReportReceiptView(number: p.value.number, code: code)
        }
    }

    static func freshNumber(_ proposed: String, year: Int, _ db: any Database) async throws -> String {
        var number = proposed
        var rng = SystemRandomNumberGenerator()
        while try await (db as! any SQLDatabase).raw("SELECT 1 AS x FROM report_cases WHERE number = \(bind: number)").first() != nil {
            number = ReportCase.number(year: year, random: rng.next())
        }
        return number
    }

    static func insertReport(_ p: PreparedReport, state: String, _ db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let v = p.value
        try await sql.raw("""
            INSERT INTO report_cases (id, number, unit_id, handling_unit_id, forwarded_from, state, kind, received, matter_id, person_id, state_json)
            VALUES (\(bind: p.id), \(bind: v.number), \(bind: v.unit.uuidString), \(bind: v.handlingUnit.uuidString), NULL, \(bind: v.state.rawValue),
                    \(bind: v.kind.rawValue), \(bind: v.received.description), NULL, NULL, \(bind: state))
            """).run()
        try await sql.raw("INSERT INTO report_contents (case_id, receipt, sealed_text, sealed_identity) VALUES (\(bind: p.id), \(bind: p.receiptHash), \(bind: p.sealedText), \(bind: p.sealedIdentity))").run()
        for a in p.attachments {
            try await sql.raw("INSERT INTO report_attachments (id, case_id, type, size, sealed) VALUES (\(bind: a.id), \(bind: p.id), \(bind: a.type), \(bind: a.size), \(bind: a.sealed))").run()
        }
    }

    // MARK: CAS-2 following a report with its receipt

    /// Lookups a day from one client: codes cannot be tried by the thousand (they carry 100 bits anyway).
    public static let receiptLookupsPerDay = 30

    /// The public lookup: `followReport(code:)` under a daily budget per client (kept in memory under a daily key).
    public func followReport(code: String, client: String) async throws -> ReportFollowView? {
        guard receiptQuota.take(client: client, day: today, limit: Self.receiptLookupsPerDay, key: reportKeys.quota) else {
            throw ReportLimitReached(limit: Self.receiptLookupsPerDay, lookups: true)
        }
        return try await followReport(code: code)
    }

    /// The case a receipt code belongs to, as the reporter may see it; nil for a code that matches nothing.
    public func followReport(code raw: String) async throws -> ReportFollowView? {
        guard let code = ReceiptCode.normalize(raw) else { throw InvalidInput(field: "receipt", .described(zh: "受理码为20位字母和数字（可含短横线）", en: "a receipt code has 20 letters and digits (dashes allowed)")) }
        struct Row: Decodable { var state_json: String }
        let hash = reportKeys.receiptHash(code)
        guard let row = try await (db as! any SQLDatabase).raw("""
            SELECT c.state_json FROM report_cases c JOIN report_contents r ON r.case_id = c.id WHERE r.receipt = \(bind: hash)
            """).first(decoding: Row.self) else { return nil }
        let c = try Self.decode(ReportCase.self, row.state_json)
        let done = c.state == .concluded
        return ReportFollowView(number: c.number, kind: c.kind, received: c.received, state: c.state, concluded: c.concluded,
                                finding: done ? c.finding : nil, feedback: done ? c.feedback : "")
    }
}

/// Group commit of public reports: those that arrive together are written in one transaction, in a shuffled order;
/// each caller gets its case number only after the commit that holds its report.
final class ReportBatcher: Sendable {
    private let queue = GroupQueue<PreparedReport, String>(maxBatch: 256)

    func submit(_ report: PreparedReport, store: Store) async throws -> String {
        try await queue.submit(report) { reports in try await store.writeReports(reports) }
    }
}
