import Foundation
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

/// Errors are pages for people and JSON only for clients that ask for it (issue 17: browsers got raw JSON,
/// because every browser's `Accept` ends in `*/*`, which merely allows JSON).
@Suite("Error pages")
struct ErrorPageTests {
    /// What Chromium and Firefox send for a page.
    static let browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
    static let plainBrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    /// An HTML page with the site's layout (masthead, navigation), the status and message, and a link home.
    static func expectPage(_ res: TestingHTTPResponse, _ status: HTTPStatus, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(res.status == status, sourceLocation: sourceLocation)
        #expect(res.headers.contentType?.type == "text" && res.headers.contentType?.subType == "html",
                "content type \(res.headers.contentType?.description ?? "none")", sourceLocation: sourceLocation)
        let html = res.body.string
        #expect(html.hasPrefix("<!doctype html>"), sourceLocation: sourceLocation)
        #expect(html.contains(#"<header class="masthead">"#) && html.contains(#"<nav class="mainnav""#), sourceLocation: sourceLocation)
        #expect(html.contains(#"<p class="notice err">\#(status.code) — \#(message)</p>"#), sourceLocation: sourceLocation)
        #expect(html.contains(#"<p><a href="/">返回首页</a></p>"#), sourceLocation: sourceLocation)
        #expect(!html.contains(#"{"error""#), sourceLocation: sourceLocation)
    }

    @Test("Issue 17: a browser's Accept header gets an HTML error page with the layout and a way back — 403 and 404")
    func browsersGetPages() async throws {
        try await withXuanren { app in
            let clerk = Browser(app)
            try await clerk.signIn("clerk")
            for accept in [Self.plainBrowserAccept, Self.browserAccept, "*/*"] {
                clerk.extraHeaders.replaceOrAdd(name: .accept, value: accept)
                Self.expectPage(try await clerk.get("/ballots"), .forbidden, "您没有权限访问此页面。")
                Self.expectPage(try await clerk.get("/no/such/page"), .notFound, "找不到此页面。")
                Self.expectPage(try await clerk.get("/ballots/\(UUID().uuidString)/paper"), .notFound, "找不到此页面。")
                let anonymous = Browser(app)
                anonymous.extraHeaders.replaceOrAdd(name: .accept, value: accept)
                Self.expectPage(try await anonymous.get("/no/such/page"), .notFound, "找不到此页面。")
            }
        }
    }

    @Test("JSON errors only for a .json address or a client that lists application/json and prefers it to text/html")
    func jsonWhenAskedFor() async throws {
        try await withXuanren { app in
            func error(_ path: String, accept: String?) async throws -> TestingHTTPResponse {
                let b = Browser(app)
                if let accept { b.extraHeaders.replaceOrAdd(name: .accept, value: accept) }
                return try await b.get(path)
            }
            for accept in ["application/json", "application/json, text/html;q=0.5", "application/json, */*;q=0.1", "text/html;q=0.2, application/json"] {
                let res = try await error("/no/such/page", accept: accept)
                #expect(res.status == .notFound)
                #expect(res.headers.contentType == .json, "\(accept)")
                #expect(res.body.string == #"{"error":"找不到此页面。"}"#, "\(accept)")
            }
            for accept in ["text/html, application/json;q=0.9", "text/html, application/json", "application/json;q=0, */*", "*/*", "application/*", "text/*"] {
                let res = try await error("/no/such/page", accept: accept)
                #expect(res.headers.contentType?.subType == "html", "\(accept)")
            }
            // a .json address answers in JSON whatever the client accepts
            let box = try await error("/ballots/\(UUID().uuidString)/box.json", accept: Self.browserAccept)
            #expect(box.status == .notFound)
            #expect(box.headers.contentType == .json)
            #expect(box.body.string.hasPrefix(#"{"error":"#))
        }
    }
}
