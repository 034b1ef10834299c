import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0 ..< 3 { url.deleteLastPathComponent() }
    return url.path + "/"
}()

/// Runs `body` with a configured app on a fresh database, seeded with the demo county (few cadres).
func withXuanren(_ db: TestDatabase = .sqlite, secureCookies: Bool = false, seed: Bool = true,
                 settings configure: (inout AppSettings) -> Void = { _ in },
                 _ body: @escaping (Application) async throws -> Void) async throws {
    try await db.withFreshLocation { location in
        let keyPath = FileManager.default.temporaryDirectory.appendingPathComponent("xr-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: keyPath) }
        var settings = AppSettings(database: location, keyPath: keyPath)
        settings.bcryptCost = 4
        settings.custodianKDFRounds = 1 << 10
        settings.rootDirectory = repositoryRoot
        settings.secureCookies = secureCookies
        configure(&settings)
        let app = try await Application.make(.testing)
        do {
            try await XuanrenApp.configure(app, settings: settings)
            if seed { try await DemoCounty.seed(app.xuanrenStore, hasher: app.passwordHasher, cadres: 20) }
            // the ballot tests' custodians, with the app's own password hashing (BAL-9)
            try await TestCustodians.ensure(app.xuanrenStore, hasher: app.passwordHasher)
            try await body(app)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// A tiny browser: keeps cookies, reads CSRF tokens from forms.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var language: String?
    var lastSetCookie: [String] = []
    /// Sent with every request (e.g. `Origin`, `Sec-Fetch-Site`).
    var extraHeaders = HTTPHeaders()

    init(_ app: Application, language: String? = nil) { self.app = app; self.language = language }

    @discardableResult
    func request(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let language { headers.add(name: .acceptLanguage, value: language) }
        headers.add(contentsOf: extraHeaders)
        var body: ByteBuffer? = nil
        if let form {
            headers.contentType = .urlEncodedForm
            let encoded = form.map { k, v in
                "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            body = ByteBuffer(string: encoded)
        }
        let res = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        lastSetCookie = res.headers[.setCookie]
        for line in lastSetCookie {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if line.contains("Expires=Thu, 01 Jan 1970") || line.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        return res
    }

    func get(_ path: String) async throws -> TestingHTTPResponse { try await request(.GET, path) }

    /// GETs `page`, then POSTs `form` to `action` with the page's CSRF token.
    @discardableResult
    func submit(from page: String, to action: String, _ form: [String: String]) async throws -> TestingHTTPResponse {
        let html = try await get(page).body.string
        var f = form
        f["_csrf"] = Self.csrf(in: html)
        return try await request(.POST, action, form: f)
    }

    /// GETs `page`, then POSTs a multipart form with one file to `action`.
    @discardableResult
    func upload(from page: String, to action: String, fields: [String: String], file: (field: String, name: String, bytes: [UInt8])) async throws -> TestingHTTPResponse {
        let html = try await get(page).body.string
        var f = fields
        f["_csrf"] = Self.csrf(in: html)
        let boundary = "xr-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (k, v) in f {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if let language { headers.add(name: .acceptLanguage, value: language) }
        return try await app.testing().sendRequest(.POST, action, headers: headers, body: body)
    }

    static func csrf(in html: String) -> String? {
        guard let r = html.range(of: #"name="_csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
        return String(html[r].dropFirst(#"name="_csrf" value=""#.count).dropLast())
    }

    /// Signs in; when the account must change its password, changes it to `newPassword`.
    func signIn(_ user: String, password: String = DemoCounty.password, newPassword: String = "Changed-pass-2026") async throws {
        let res = try await submit(from: "/login", to: "/login", ["username": user, "password": password])
        #expect(res.status == .seeOther)
        if res.headers.first(name: .location) == "/account/password" {
            let r2 = try await submit(from: "/account/password", to: "/account/password",
                                      ["currentPassword": password, "newPassword": newPassword, "confirmPassword": newPassword])
            #expect(r2.status == .seeOther)
            #expect(r2.headers.first(name: .location) == "/dashboard")
        }
    }
}
