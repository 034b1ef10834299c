import Foundation
import NIOCore
import SelectionCore
import Testing
import Vapor
import VaporTesting
import XuanrenStore
import XuanrenTestSupport
import XuanrenWeb

@Suite("Metrics access")
struct MetricsAccessTests {
    @Test("/metrics: refused to anonymous visitors and to other roles; served to administrators")
    func metricsForAdministrators() async throws {
        try await withXuanren { app in
            #expect(try await Browser(app).get("/metrics").status == .forbidden)
            let organizer = Browser(app)
            try await organizer.signIn("organizer")
            #expect(try await organizer.get("/metrics").status == .forbidden)
            let admin = Browser(app)
            try await admin.signIn("admin")
            let m = try await admin.get("/metrics")
            #expect(m.status == .ok)
            #expect(m.body.string.contains("xuanren_ledger_entries"))
        }
    }

    @Test("/metrics from a configured address is served without signing in; from elsewhere, or through a proxy, it is refused")
    func metricsFromConfiguredAddresses() async throws {
        try await withXuanren(seed: false, settings: { $0.metricsFrom = try! AddressRange.list("127.0.0.1, 10.0.0.0/8") }) { app in
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            #expect(try await live.sendRequest(.GET, "/metrics").status == .ok)
            var proxied = HTTPHeaders()
            proxied.add(name: "X-Forwarded-For", value: "203.0.113.9")
            #expect(try await live.sendRequest(.GET, "/metrics", headers: proxied).status == .forbidden)
        }
        try await withXuanren(seed: false, settings: { $0.metricsFrom = try! AddressRange.list("10.0.0.0/8") }) { app in
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            #expect(try await live.sendRequest(.GET, "/metrics").status == .forbidden)
        }
    }

    @Test("Address ranges for --metrics-from: IPv4, IPv6, CIDR prefixes, IPv4-mapped addresses; bad entries are named")
    func addressRanges() throws {
        let r = try AddressRange.list("127.0.0.1,10.0.0.0/8, ::1, fd00::/8")
        func ip(_ s: String) -> SocketAddress { try! SocketAddress(ipAddress: s, port: 0) }
        #expect(r[0].contains(ip("127.0.0.1")) && !r[0].contains(ip("127.0.0.2")))
        #expect(r[1].contains(ip("10.200.3.4")) && !r[1].contains(ip("11.0.0.1")))
        #expect(r[1].contains(ip("::ffff:10.1.2.3")))
        #expect(r[2].contains(ip("::1")) && !r[2].contains(ip("::2")))
        #expect(r[3].contains(ip("fd00::7")) && !r[3].contains(ip("fe80::1")))
        #expect(!r[0].contains(nil as SocketAddress?))
        #expect(r.map(\.description) == ["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"])
        #expect(throws: (any Error).self) { try AddressRange.list("127.0.0.1,evil.example") }
        #expect(throws: (any Error).self) { try AddressRange.list("10.0.0.0/33") }
        #expect(try AddressRange.list("").isEmpty)
    }
}
