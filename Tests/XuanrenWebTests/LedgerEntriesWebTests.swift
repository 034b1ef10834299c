import Foundation
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
@testable import XuanrenWeb

/// 纪实明细 as a supervisor reads it: actions and subjects in words, times in Asia/Shanghai, payloads as labelled
/// fields, filtered by the kind of subject.
@Suite("Ledger entries page")
struct LedgerEntriesWebTests {
    @Test("LED-1 the entries page says each action in words with its Asia/Shanghai time and labelled fields, and filters by kind")
    func readable() async throws {
        try await withXuanren { app in
            let b = Browser(app, language: "zh-Hans")
            try await b.signIn("supervisor")
            let page = try await b.get(LedgerRoute.entries.link(["kind": "account"]))
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("时间（北京时间）") && !html.contains("时间（UTC）"))
            #expect(html.contains(LedgerCatalog.title(of: "account.create", in: .zhHans)))
            #expect(html.contains("<dl class=\"fields\">") && html.contains(LedgerCatalog.label(of: "mustChangePassword", in: .zhHans)))
            #expect(!html.contains("\"mustChangePassword\":"))   // no raw JSON
            #expect(!html.contains(LedgerCatalog.title(of: "cadre.create", in: .zhHans)))   // filtered to accounts
            // the newest entry's time, as stored in UTC, shown 8 hours later
            let e = try #require(try await app.xuanrenStore.ledgerEntries(subjectType: "account", limit: 1).first)
            #expect(html.contains(LedgerController.shanghai(e.at)))
        }
    }
}
