import Foundation
import NIOCore
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Passwords and sessions over HTTP")
struct AccountWebTests {
    @Test("Sign-in lock over HTTP: 40 simultaneous wrong passwords for one account get at most 4 answers of 401, the rest 429")
    func concurrentWrongPasswords() async throws {
        try await withXuanren { app in
            let b = Browser(app)
            let html = try await b.get("/login").body.string
            let token = try #require(Browser.csrf(in: html))
            let cookie = b.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0 ..< 40 {
                    group.addTask {
                        var headers = HTTPHeaders()
                        headers.add(name: .cookie, value: cookie)
                        headers.contentType = .urlEncodedForm
                        let body = ByteBuffer(string: "username=clerk&password=wrong-pass-\(i)&_csrf=\(token)")
                        return try await app.testing().sendRequest(.POST, "/login", headers: headers, body: body).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= 4, "\(statuses.map(\.code))")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 36)
            #expect(statuses.count == 40)
        }
    }
}
