import FluentKit
import Foundation
import SQLKit
import SelectionCore
import Testing
@testable import XuanrenStore
import XuanrenTestSupport

/// Reports and cases in the store (CAS-1…6), on SQLite and PostgreSQL.
enum ReportChecks {
    static let system = ActingUser.system("organizer")

    static func error(_ body: () async throws -> Void) async -> (any Error)? {
        do { try await body(); return nil } catch { return error }
    }

    static func unitID(_ store: Store, _ code: String) async throws -> UUID {
        try #require(try await store.units().first { $0.code == code }?.id)
    }

    static func report(_ store: Store, unit: UUID, kind: ReportKind = .procedure, text: String = "该单位选拔副局长时未按规定进行民主推荐，请组织调查。",
                       reporter: ReporterIdentity? = nil, client: String = "203.0.113.7") async throws -> ReportReceiptView {
        try await store.fileReport(ReportSubmission(unit: unit, kind: kind, text: text, reporter: reporter), client: client, dailyLimit: 100)
    }

    static func caseID(_ store: Store, _ number: String) async throws -> String {
        try #require(try await store.cases(by: .system()).first { $0.value.number == number }?.id)
    }

    /// CAS-1…3: an anonymous report followed with its receipt; linked to the matter, it halts it; on conclusion the
    /// matter is released and the reporter reads the outcome. Every step is in the ledger.
    static func anonymousHaltsMatter(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await InspectionChecks.units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王强"))
            let receipt = try await report(store, unit: f.unit)
            #expect(receipt.number.hasPrefix("JB"))
            let followed = try #require(try await store.followReport(code: receipt.code.lowercased()))
            #expect(followed.number == receipt.number && followed.state == .registered && followed.feedback.isEmpty)
            #expect(try await store.followReport(code: "0000-0000-0000-0000-0000") == nil)
            let bad = await error { _ = try await store.followReport(code: "123") }
            #expect((bad as? InvalidInput)?.issues.first?.field == "receipt")

            let sup = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            let id = try await caseID(store, receipt.number)
            try await store.stepCase(id, .assign(["jwsup"]), by: sup)
            try await store.stepCase(id, .target(matter: f.matter, person: nil), by: sup)
            #expect(try await store.haltingCases(matter: f.matter, by: system) == [receipt.number])
            try await InspectionFixture.teamAndNotice(store, f)
            let halted = await error { try await store.advanceMatter(f.matter, by: system) }
            #expect(CompetitionChecks.refusedRules(halted).contains("CAS-3"))
            // a procedure report is not found true or false without an investigation
            let early = await error { try await store.stepCase(id, .conclude(.unsubstantiated, conclusion: "不属实", feedback: "不属实"), by: sup) }
            #expect(early as? CaseError == .investigateFirst)
            try await store.stepCase(id, .investigate, by: sup)
            try await store.stepCase(id, .conclude(.unsubstantiated, conclusion: "经查，民主推荐按规定进行", feedback: "经调查核实，反映问题不属实。感谢您的监督。"), by: sup)
            #expect(try await store.haltingCases(matter: f.matter, by: system).isEmpty)
            let after = await error { try await store.advanceMatter(f.matter, by: system) }
            #expect(!CompetitionChecks.refusedRules(after).contains("CAS-3"))
            let done = try #require(try await store.followReport(code: receipt.code))
            #expect(done.state == .concluded && done.finding == .unsubstantiated && done.feedback.contains("不属实"))
            let entries = try await store.ledgerEntries(limit: 10_000)
            let actions = entries.map(\.action)
            for a in [SupervisionLedgerAction.received, .assign, .target, .halt, .investigate, .conclude, .release] {
                #expect(actions.contains(a.rawValue), "ledger has \(a.rawValue)")
            }
            // the intake entry names no case: a count and keyed digests
            let intake = try #require(entries.first { $0.action == SupervisionLedgerAction.received.rawValue })
            #expect(!intake.payload.contains(receipt.number) && !intake.payload.contains(id))
        }
    }

    /// CAS-3: a report linked to a person holds them back from the committee and the appointment; the hold cannot be
    /// lifted by hand and is lifted when the case concludes. CAS-4: priority kinds are investigated.
    static func personHeld(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await InspectionChecks.units(store)
            let f = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("王强"))
            let receipt = try await report(store, unit: f.unit, kind: .voteBuying, text: "王强在推荐前请人吃饭拉票，请查核。")
            let sup = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            let id = try await caseID(store, receipt.number)
            try await store.stepCase(id, .assign(["jwsup"]), by: sup)
            try await store.stepCase(id, .target(matter: f.matter, person: f.person), by: sup)
            #expect(InspectionChecks.blockedRule(try await InspectionChecks.gate(store, f, .hold)) == "CAS-3")
            // CHK-2: a check of the unit over the period sees the person as reported
            let period = try CheckPeriod(from: store.today.adding(days: -30), to: store.today)
            #expect(try await store.reportedPeople(unit: f.unit, period: period).contains(f.cadre))
            let person = try await InspectionChecks.person(store, f)
            let holdReason = try #require(person.gateFacts.holds.first?.reason)
            #expect(holdReason.contains(receipt.number) && !holdReason.contains("拉票"))   // the number, never the content
            let byHand = await error { try await store.liftHold(matter: f.matter, person: f.person, index: 0, reason: "已查清", by: system) }
            #expect((byHand as? InvalidInput)?.issues.first?.field == "hold")
            let filed = await error { try await store.stepCase(id, .conclude(.filed, conclusion: "存查", feedback: "存查"), by: sup) }
            #expect(filed as? CaseError == .priorityNotFiled(.voteBuying))
            try await store.stepCase(id, .investigate, by: sup)
            try await store.stepCase(id, .conclude(.unsubstantiated, conclusion: "经查不属实", feedback: "经查不属实"), by: sup)
            if case .blocked = try await InspectionChecks.gate(store, f, .hold).state { Issue.record("the hold should be lifted") }
        }
    }

    /// CAS-2, CAS-4: a real-name report about a unit's main leaders goes to the level above; a supervisor of a
    /// neighbouring unit sees nothing; only an assigned supervisor reads the identity, and each reading is recorded.
    static func identityAndScope(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await InspectionChecks.units(store)
            try await store.createUnit(code: "fin-jw", name: "财政局纪检组", kind: "bureau", parentCode: "fin", actor: "t")
            let fin = try await unitID(store, "fin"), county = try await unitID(store, "county")
            let me = ReporterIdentity(name: "举报人张三", phone: "13912345678", identityNumber: "35010219800101" + "123" + ResidentID.checkCharacter(for: "35010219800101123"))
            let receipt = try await store.fileReport(ReportSubmission(unit: fin, kind: .other, text: "财政局主要领导在干部调整中个人说了算。", aboutLeaders: true, reporter: me),
                                                     client: "198.51.100.4", dailyLimit: 100)
            let id = try await caseID(store, receipt.number)
            let row = try #require(try await store.cases(by: .system()).first { $0.id == id })
            #expect(row.value.handlingUnit == county && row.value.aboutLeaders && !row.value.anonymous)
            let neighbour = try await RegistryScopeChecks.account(store, "edusup", "supervisor", on: "edu")
            let finSup = try await RegistryScopeChecks.account(store, "finsup", "supervisor", on: "fin")
            let clerk = try await RegistryScopeChecks.account(store, "finclerk", "clerk", on: "fin")
            for outsider in [neighbour, finSup, clerk] {
                #expect(try await store.cases(by: outsider).isEmpty)
                #expect(await error { _ = try await store.caseDetail(id, by: outsider) } is NotPermitted)
                #expect(await error { try await store.stepCase(id, .assign([outsider.name]), by: outsider) } is NotPermitted)
            }
            let a = try await RegistryScopeChecks.account(store, "jwa", "supervisor", on: "jw")
            let b = try await RegistryScopeChecks.account(store, "jwb", "supervisor", on: "jw")
            // only supervisors of the handling unit can be assigned
            let wrong = await error { try await store.stepCase(id, .assign(["edusup"]), by: a) }
            #expect((wrong as? InvalidInput)?.issues.first?.field == "assignees")
            try await store.stepCase(id, .assign(["jwa"]), by: b)
            let detail = try await store.caseDetail(id, by: b)
            #expect(detail.realName && !detail.mayReadIdentity && detail.text.contains("个人说了算"))
            #expect(await error { _ = try await store.readReporterIdentity(id, by: b) } is NotPermitted)
            #expect(try await store.caseDetail(id, by: a).mayReadIdentity)
            let read = try await store.readReporterIdentity(id, by: a)
            #expect(read == me)
            let reads = try await store.ledgerEntries(limit: 10_000).filter { $0.action == SupervisionLedgerAction.identityRead.rawValue }
            #expect(reads.count == 1 && reads[0].actor == "jwa" && reads[0].subjectID == id)
            // CAS-4: a leaders' report is not forwarded down
            let down = await error { try await store.stepCase(id, .forward(fin), by: a) }
            #expect(down as? CaseError == .leadersNotForwarded)
        }
    }

    /// CAS-2: neither the database files (or every row with PostgreSQL's system columns) nor the ledger hold the
    /// reporter's name, phone or identity number, the report's text, the client's address, or a time finer than the day.
    static func nothingInTheDatabase(_ db: TestDatabase) async throws {
        try await db.withStore { store, runtime in
            try await InspectionChecks.units(store)
            let fin = try await unitID(store, "fin")
            let secretText = "举报内容绝密片段QX7731，请查处"
            let me = ReporterIdentity(name: "实名人李四五", phone: "13800008888", identityNumber: "")
            let client = "203.0.113.99"
            let receipt = try await store.fileReport(ReportSubmission(unit: fin, kind: .rushPromotion, text: secretText, reporter: me,
                                                                      attachments: [ReportUpload(bytes: Array("%PDF-1.4 附件秘密ZZ9".utf8))]),
                                                     client: client, dailyLimit: 100)
            let all = try await SecrecyChecks.everything(store, runtime)
            for secret in ["实名人李四五", "13800008888", "QX7731", "附件秘密ZZ9", client, receipt.code, receipt.code.replacingOccurrences(of: "-", with: "")] {
                #expect(!all.contains(secret), "\(secret) must not be readable in the database")
            }
            let ledger = try await store.ledgerEntries(limit: 10_000).map { "\($0.payload)" }.joined()
            #expect(!ledger.contains("13800008888") && !ledger.contains("QX7731"))
            // the case row keeps the day only
            struct Row: Decodable { var received: String; var state_json: String }
            let r = try #require(try await (store.db as! any SQLDatabase).raw("SELECT received, state_json FROM report_cases").first(decoding: Row.self))
            #expect(r.received == store.today.description)
            #expect(r.state_json.range(of: #"\d{2}:\d{2}"#, options: .regularExpression) == nil)
            struct Cols: Decodable { var name: String }
            if case .sqlite = runtime.location {
                for t in ["report_cases", "report_contents", "report_attachments"] {
                    let cols = try await (store.db as! any SQLDatabase).raw("SELECT name FROM pragma_table_info(\(bind: t))").all(decoding: Cols.self).map(\.name)
                    #expect(!cols.contains { $0.range(of: #"^(ip|ip_address|client|address|user_agent|agent|time|timestamp)$|_at$|_time$"#, options: .regularExpression) != nil }, "\(t): \(cols)")
                }
            }
        }
    }

    /// CAS-1: the daily limit per client, without storing the client.
    static func dailyLimit(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await InspectionChecks.units(store)
            let fin = try await unitID(store, "fin")
            let s = ReportSubmission(unit: fin, kind: .other, text: "反映某单位干部选拔问题一则。")
            _ = try await store.fileReport(s, client: "a", dailyLimit: 2)
            _ = try await store.fileReport(s, client: "a", dailyLimit: 2)
            let third = await error { _ = try await store.fileReport(s, client: "a", dailyLimit: 2) }
            #expect(third as? ReportLimitReached == ReportLimitReached(limit: 2))
            #expect((third as? ReportLimitReached)?.kind == .locked)
            _ = try await store.fileReport(s, client: "b", dailyLimit: 2)
            // bad input names every field, and is checked before the limit is spent
            let bad = await error { _ = try await store.fileReport(ReportSubmission(unit: nil, kind: .other, text: "短", reporter: ReporterIdentity(name: "", phone: "12")), client: "c", dailyLimit: 1) }
            #expect(Set((bad as? InvalidInput)?.issues.map(\.field) ?? []) == ["text", "unit", "reporterName", "reporterPhone"])
            _ = try await store.fileReport(s, client: "c", dailyLimit: 1)
            let attach = await error { _ = try await store.fileReport(ReportSubmission(unit: fin, kind: .other, text: "反映某单位干部选拔问题一则。", attachments: [ReportUpload(bytes: Array("<html>".utf8))]), client: "d", dailyLimit: 5) }
            #expect((attach as? InvalidInput)?.issues.first?.field == "attachments")
            #expect(try await store.cases(by: .system()).count == 4)
        }
    }

    /// CAS-1 clerk entry, CAS-5 forwarding and review, CAS-6 typical cases and statistics.
    static func clerkForwardPublish(_ db: TestDatabase) async throws {
        try await db.withStore { store, _ in
            try await InspectionChecks.units(store)
            try await store.createUnit(code: "town", name: "城关镇", kind: "township", parentCode: "county", actor: "t")
            let county = try await unitID(store, "county"), town = try await unitID(store, "town")
            let clerk = try await RegistryScopeChecks.account(store, "orgclerk", "clerk", on: "org")
            let receipt = try await store.enterReport(ReportSubmission(unit: county, kind: .qualification, channel: .letter, text: "来信反映城关镇提拔干部年龄造假。",
                                                                       received: store.today.adding(days: -2)), by: clerk)
            let id = try await caseID(store, receipt.number)
            let countySup = try await RegistryScopeChecks.account(store, "jwsup", "supervisor", on: "jw")
            let townSup = try await RegistryScopeChecks.account(store, "townsup", "supervisor", on: "town")
            try await store.stepCase(id, .forward(town), by: countySup)
            try await store.stepCase(id, .assign(["townsup"]), by: townSup)
            try await store.stepCase(id, .investigate, by: townSup)
            try await store.stepCase(id, .conclude(.partly, conclusion: "部分属实", feedback: "部分属实，已责令整改"), by: townSup)
            #expect(await error { try await store.stepCase(id, .review(accept: true, note: ""), by: townSup) } is NotPermitted)
            var early: (any Error)? = nil
            do { try await store.publishTypicalCase(id, title: "某镇", text: "案情", by: townSup) } catch { early = error }
            #expect(early as? CaseError == .wrongState(.awaitingReview), "\(String(describing: early))")
            try await store.stepCase(id, .review(accept: true, note: "同意"), by: countySup)
            try await store.publishTypicalCase(id, title: "某镇提拔干部年龄把关不严问题", text: "经查部分属实，已责令整改并对相关人员批评教育。", by: countySup)
            let typical = try await store.typicalCases()
            #expect(typical.count == 1 && typical[0].finding == .partly && !typical[0].text.contains("来信"))
            let (stats, names) = try await store.reportStatistics(from: store.today.adding(days: -30), to: store.today, threshold: 1, by: countySup)
            let row = try #require(stats.rows.first)
            #expect(names[row.unit] == "青岚县委" && row.received == 1 && row.substantiated == 1 && row.flagged)
            #expect(await error { _ = try await store.reportStatistics(from: store.today, to: store.today, threshold: 1, by: clerk) } is NotPermitted)
            let actions = try await store.ledgerEntries(limit: 10_000).map(\.action)
            for a in [SupervisionLedgerAction.entered, .forward, .review, .publish] { #expect(actions.contains(a.rawValue)) }
        }
    }
}

@Suite("Reports and cases on SQLite")
struct ReportCaseStoreTests {
    @Test("CAS-1 CAS-2 CAS-3 an anonymous report is followed with its receipt, halts the matter it is linked to and releases it on conclusion") func halt() async throws { try await ReportChecks.anonymousHaltsMatter(.sqlite) }
    @Test("CAS-3 CAS-4 CHK-2 a report on a person holds them from the committee until the case concludes and marks them reported for checks; priority kinds are investigated") func hold() async throws { try await ReportChecks.personHeld(.sqlite) }
    @Test("CAS-2 CAS-4 only an assigned supervisor reads a real-name reporter, each reading recorded; leaders' reports go up; neighbours see nothing") func identity() async throws { try await ReportChecks.identityAndScope(.sqlite) }
    @Test("CAS-2 no reporter identity, text, address or time of day is readable in the database files") func raw() async throws { try await ReportChecks.nothingInTheDatabase(.sqlite) }
    @Test("CAS-1 the daily limit per client and field-by-field errors") func limit() async throws { try await ReportChecks.dailyLimit(.sqlite) }
    @Test("CAS-1 CAS-5 CAS-6 a clerk's entry, forwarding with review, a typical case and the statistics") func forward() async throws { try await ReportChecks.clerkForwardPublish(.sqlite) }
}

@Suite("Reports and cases on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct ReportCasePostgresTests {
    @Test("CAS-3 halt (PostgreSQL)") func halt() async throws { try await ReportChecks.anonymousHaltsMatter(.postgres) }
    @Test("CAS-3 hold (PostgreSQL)") func hold() async throws { try await ReportChecks.personHeld(.postgres) }
    @Test("CAS-2 identity (PostgreSQL)") func identity() async throws { try await ReportChecks.identityAndScope(.postgres) }
    @Test("CAS-2 every row and system column (PostgreSQL)") func raw() async throws { try await ReportChecks.nothingInTheDatabase(.postgres) }
    @Test("CAS-1 limit (PostgreSQL)") func limit() async throws { try await ReportChecks.dailyLimit(.postgres) }
    @Test("CAS-5 forward (PostgreSQL)") func forward() async throws { try await ReportChecks.clerkForwardPublish(.postgres) }
}
