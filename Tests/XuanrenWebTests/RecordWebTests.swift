import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// LED-1, LED-3 over HTTP: the matter's record (一事一记) and a person's table (一人一表) — reached from the matter page
/// and the inspection page, refused outside the matter's readers, the talk's text only for the team and supervisors
/// and never printed, the way to check each line against the ledger on the page — and the same document as the
/// command line prints it.
@Suite("Selection record pages (LED-3)")
struct RecordWebTests {
    static let secret = "谈话中反映其曾酒后驾车一次"

    /// The inspection fixture with the team (with `inspector`'s account) and the notice out, and a talk by the team member.
    static func world(_ app: Application) async throws -> (InspectionFixture, organizer: Browser, member: Browser) {
        let f = try await InspectionWebTests.fixture(app)
        let organizer = try await InspectionWebTests.signedIn(app, "organizer")
        try await InspectionWebTests.openInspection(organizer, f, extra: "inspector")
        let member = try await InspectionWebTests.signedIn(app, "inspector")
        #expect(try await member.submit(from: InspectionRoute.page(f.matter).path, to: InspectionRoute.record(f.matter, person: f.person).path,
                                        ["kind": "talk", "day": InspectionWebTests.today(app), "with": "某科长", "summary": secret]).status == .seeOther)
        return (f, organizer, member)
    }

    @Test("LED-3 the organizer opens the matter's record from the matter page and the person's table from the inspection page: every stage, each line's 序号, the way to verify it; the talk's text is not there")
    func organizerReadsBoth() async throws {
        try await withXuanren { app in
            let (f, organizer, _) = try await Self.world(app)
            let record = RecordRoute.matter(f.matter).path, table = RecordRoute.person(f.matter, person: f.person).path
            #expect(try await organizer.get(MatterRoute.show(f.matter).path).body.string.contains("href=\"\(record)\""))
            let inspection = try await organizer.get(InspectionRoute.page(f.matter).path).body.string
            #expect(inspection.contains("href=\"\(table)\"") && inspection.contains("href=\"\(record)\""))

            let r = try await organizer.get(record)
            #expect(r.status == .ok)
            let page = r.body.string
            #expect(page.contains("一事一记") && page.contains("动议和初始提名") && page.contains("考察") && page.contains("王立新"))
            #expect(page.contains("href=\"\(table)\""))   // each person's table from the record
            let t = try await organizer.get(table)
            #expect(t.status == .ok)
            let html = t.body.string
            for words in ["王立新选任全程纪实表（一人一表）", "青岚县财政局 副局长", "打印日期", "序号", "提名", "确定考察对象", "发布考察预告", "记录考察情况",
                          "xuanren verify", "xuanren ledger show --seq", "有此记录；内容仅考察组成员和纪检监察人员可见"] {
                #expect(html.contains(words), "\(words)")
            }
            #expect(!html.contains(Self.secret) && !html.contains("某科长"))
            // each 序号 on the page is a ledger entry about this matter or its person
            let seqs = Self.seqs(in: html)
            #expect(!seqs.isEmpty)
            for seq in seqs { #expect(try await app.xuanrenStore.ledgerEntry(seq: seq) != nil) }
        }
    }

    @Test("LED-3 the team member reads the talk's text on screen only (marked not to print); a neighbouring unit's organizer and an inspector off the team are refused both pages; an unknown person is not found")
    func scope() async throws {
        try await withXuanren { app in
            let (f, organizer, member) = try await Self.world(app)
            let record = RecordRoute.matter(f.matter).path, table = RecordRoute.person(f.matter, person: f.person).path
            let seen = try await member.get(table).body.string
            let block = try #require(seen.range(of: "<div class=\"no-print confidential\">"))
            #expect(seen[block.upperBound...].prefix(600).contains(Self.secret))
            #expect(seen.contains("谈话内容不打印"))
            #expect(try await InspectionWebTests.signedIn(app, "supervisor").get(table).body.string.contains(Self.secret))
            let neighbour = try await InspectionWebTests.account(app, "edu-organizer", "organizer", on: "edu")
            let offTeam = try await InspectionWebTests.account(app, "fin-inspector", "inspector", on: "fin")
            for b in [neighbour, offTeam] {
                for path in [record, table] {
                    let status = try await b.get(path).status
                    #expect(status == .forbidden || status == .notFound, "\(path): \(status)")
                }
            }
            #expect(try await organizer.get(RecordRoute.person(f.matter, person: UUID()).path).status == .notFound)
            #expect(try await organizer.get(RecordRoute.matter(UUID()).path).status == .notFound)
        }
    }

    @Test("LED-1 the table in English: actions and payload keys in words")
    func english() async throws {
        try await withXuanren { app in
            let (f, b, _) = try await Self.world(app)
            b.language = "en"
            let html = try await b.get(RecordRoute.person(f.matter, person: f.person).path).body.string
            for words in ["one person, one table", "Seq.", "nominated", "chosen for inspection", "inspection notice published", "reason (digest)", "How to check"] {
                #expect(html.contains(words), "\(words)")
            }
        }
    }

    @Test("LED-3 the command line's document: the same template, styles inline, no links, and no talk text even for the operator")
    func standaloneDocument() async throws {
        try await withXuanren { app in
            let (f, _, _) = try await Self.world(app)
            let r = try await app.xuanrenStore.personTable(matter: f.matter, person: f.person, in: .zhHans, by: .system("cli"))
            #expect(r.lines.contains { $0.confidential })
            let html = try await RecordDocument.html(r, root: repositoryRoot)
            #expect(html.hasPrefix("<!doctype html>") && html.contains("<style>") && html.contains("@page { size: A4"))
            #expect(html.contains("王立新选任全程纪实表（一人一表）") && html.contains("xuanren ledger show --seq"))
            #expect(!html.contains(Self.secret) && html.contains("谈话内容不打印"))
            #expect(!html.contains("href=\"/"))
            #expect(Self.seqs(in: html) == r.lines.map(\.seq))
        }
    }

    /// The first sequence number of each line (`<td class="seq" …>12</td>`, `<td class="seq" …>120–<br>135</td>`).
    static func seqs(in html: String) -> [Int64] {
        html.components(separatedBy: "<td class=\"seq\"").dropFirst().compactMap { cell in
            cell.firstIndex(of: ">").flatMap { Int64(cell[cell.index(after: $0)...].prefix { $0.isNumber }) }
        }
    }
}
