import Foundation
import Logging
import SelectionCore
import Synchronization
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// Collects every log line the app writes while a test runs (CAS-2: nothing of a reporter reaches the logs).
final class CapturedLogs: @unchecked Sendable {
    static let shared = CapturedLogs()
    let lines = Mutex<[String]>([])
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}

struct CapturingLogHandler: LogHandler {
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var label: String
    subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { metadata[key] } set { metadata[key] = newValue } }
    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = metadata.merging(extra ?? [:]) { $1 }
        CapturedLogs.shared.lines.withLock { $0.append("\(label) \(level) \(message) \(all)") }
    }
}

/// The public report channel and the supervisors' case pages over HTTP (CAS-1…3, CAS-6).
@Suite("Report pages")
struct ReportWebTests {
    @Test("CAS-1 CAS-2 CAS-3 a report sent through the public form, followed with its receipt, linked to a matter it halts, concluded and read back; nothing of it in the logs")
    func reportThroughTheForm() async throws {
        try await withXuanren { app in
            app.logger = Logger(label: "xuanren-test") { CapturingLogHandler(label: $0) }
            app.logger.logLevel = .trace
            let store = app.xuanrenStore
            let fin = try #require(try await store.units().first { $0.code == "fin" })
            let visitor = Browser(app, language: "zh-Hans")
            visitor.extraHeaders.add(name: .userAgent, value: "SecretAgent/9.9 (Reporter-UA-Marker)")
            visitor.extraHeaders.add(name: "X-Forwarded-For", value: "198.51.100.77")
            let form = try await visitor.get(ReportRoute.form.path)
            #expect(form.status == .ok && form.body.string.contains("被反映单位") && form.body.string.contains("匿名"))
            #expect(form.headers[.setCookie].isEmpty)   // no session, no cookie
            // a bad form names the fields and keeps what was typed
            let bad = try await visitor.request(.POST, ReportRoute.submit.path, form: ["unit": "", "kind": "procedure", "text": "短"])
            #expect(bad.status == .badRequest && bad.body.string.contains("被反映单位") && bad.body.string.contains("举报内容"))
            let text = "财政局选拔副局长未经民主推荐，内容标记ZQ4471。"
            let sent = try await visitor.request(.POST, ReportRoute.submit.path, form: ["unit": fin.id.uuidString, "kind": "procedure", "text": text,
                                                                                        "realName": "1", "name": "举报人甲乙", "phone": "13700001111"])
            #expect(sent.status == .ok && sent.headers[.setCookie].isEmpty)
            // a form posted twice with its one-time token (a refresh of the receipt) is not filed twice
            let token = try #require(form.body.string.firstMatch(of: /name="once" value="([0-9a-f]{32})"/).map { String($0.output.1) })
            let casesBefore = try await store.cases(by: .system()).count
            let first = try await visitor.request(.POST, ReportRoute.submit.path, form: ["unit": fin.id.uuidString, "kind": "other", "text": "同一张表单提交两次的测试。", "once": token])
            let again = try await visitor.request(.POST, ReportRoute.submit.path, form: ["unit": fin.id.uuidString, "kind": "other", "text": "同一张表单提交两次的测试。", "once": token])
            #expect(first.status == .ok && again.status == .badRequest && again.body.string.contains("不会重复登记"))
            #expect(try await store.cases(by: .system()).count == casesBefore + 1)
            let body = sent.body.string
            let number = try #require(body.firstMatch(of: /JB\d{4}-\d{8}/).map { String($0.output) })
            let code = try #require(body.firstMatch(of: /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/).map { String($0.output) })
            let followed = try await visitor.request(.POST, ReportRoute.lookup.path, form: ["code": code])
            #expect(followed.status == .ok && followed.body.string.contains(number) && followed.body.string.contains("已登记"))
            let wrong = try await visitor.request(.POST, ReportRoute.lookup.path, form: ["code": "0000-0000-0000-0000-0000"])
            #expect(wrong.status == .notFound && wrong.body.string.contains("没有找到"))

            // the county's supervisor sees the case, assigns it, links it to a running 财政局 matter and concludes it
            let matter = try await InspectionFixture.inspecting(store, unitCode: "fin", file: InspectionFixture.cadreFile("测试人选"), title: "财政局副局长选任（举报测试）")
            let sup = Browser(app, language: "zh-Hans")
            try await sup.signIn("supervisor", password: DemoCounty.password)
            let list = try await sup.get(CaseRoute.list.path)
            #expect(list.status == .ok && list.body.string.contains(number))
            let id = try #require(try await store.cases(by: .system()).first { $0.value.number == number }?.id)
            let page = CaseRoute.show(id).path
            let dbg = try await sup.get(page)
            #expect(dbg.body.string.contains("ZQ4471"))
            _ = try await sup.submit(from: page, to: CaseRoute.step(id).path, ["step": "assign", "assignees": "supervisor"])
            let linked = try await sup.submit(from: page, to: CaseRoute.step(id).path, ["step": "target", "matter": matter.matter.uuidString, "person": ""])
            #expect(linked.status == .seeOther)
            #expect(try await sup.get(page).body.string.contains("暂停该事项"))
            // the matter's page shows the halt by number, never the content
            let matterPage = try await sup.get(MatterRoute.show(matter.matter).path).body.string
            #expect(matterPage.contains(number) && matterPage.contains("本事项暂停") && !matterPage.contains("ZQ4471"))
            // CAS-2: reading the identity needs the box ticked, and is recorded
            let unticked = try await sup.submit(from: page, to: CaseRoute.identity(id).path, [:])
            #expect(unticked.status == .badRequest && !unticked.body.string.contains("举报人甲乙"))
            let shown = try await sup.submit(from: page, to: CaseRoute.identity(id).path, ["confirm": "1"])
            #expect(shown.body.string.contains("举报人甲乙") && shown.body.string.contains("13700001111"))
            #expect(try await store.ledgerEntries(limit: 10_000).contains { $0.action == SupervisionLedgerAction.identityRead.rawValue && $0.actor == "supervisor" })
            _ = try await sup.submit(from: page, to: CaseRoute.step(id).path, ["step": "investigate"])
            let done = try await sup.submit(from: page, to: CaseRoute.step(id).path, ["step": "conclude", "finding": "unsubstantiated", "conclusion": "经查已按规定进行民主推荐", "feedback": "经调查核实，反映问题不属实。"])
            #expect(done.status == .seeOther)
            #expect(!(try await sup.get(MatterRoute.show(matter.matter).path).body.string.contains("本事项暂停")))
            let after = try await visitor.request(.POST, ReportRoute.lookup.path, form: ["code": code.lowercased()])
            #expect(after.body.string.contains("已办结") && after.body.string.contains("不属实"))
            // statistics with a chart, its table and a CSV
            let stats = try await sup.get(CaseRoute.stats.path)
            #expect(stats.status == .ok && stats.body.string.contains("<svg") && stats.body.string.contains("青岚县财政局"))
            let csv = try await sup.get(CaseRoute.statsCSV.path)
            #expect(csv.headers.contentType?.subType == "csv" && csv.body.string.contains("青岚县财政局"))

            // CAS-2: nothing of the reporter, the text, the address or the browser in the logs
            let logs = CapturedLogs.shared.text
            #expect(!logs.isEmpty)
            for secret in ["举报人甲乙", "13700001111", "ZQ4471", "198.51.100.77", "Reporter-UA-Marker", code] {
                #expect(!logs.contains(secret), "\(secret) is in the logs")
            }
        }
    }

    @Test("CAS-1 a clerk of a neighbouring unit enters a report only for units their grant covers; a clerk cannot read cases")
    func clerkEntry() async throws {
        try await withXuanren { app in
            let store = app.xuanrenStore
            let edu = try #require(try await store.units().first { $0.code == "edu" })
            let fin = try #require(try await store.units().first { $0.code == "fin" })
            let clerk = try await InspectionWebTests.account(app, "edu-clerk", "clerk", on: "edu")
            let entry = CaseRoute.enter.path
            let refused = try await clerk.submit(from: entry, to: CaseRoute.create.path, ["channel": "phone", "unit": fin.id.uuidString, "kind": "other", "text": "来电反映财政局干部调整问题。"])
            #expect(refused.status == .forbidden)
            let ok = try await clerk.submit(from: entry, to: CaseRoute.create.path, ["channel": "letter", "unit": edu.id.uuidString, "kind": "other", "text": "来信反映教育局干部调整问题。", "received": store.today.description])
            #expect(ok.status == .ok && ok.body.string.contains("受理码"))
            #expect(try await clerk.get(CaseRoute.list.path).status == .forbidden)
        }
    }
}
