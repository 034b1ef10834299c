import Metrics
import Prometheus
import SelectionCore
import Vapor
import XuanrenStore

/// Metrics registry shared by the process; `serve` bootstraps swift-metrics with it.
public enum XuanrenMetrics {
    public static let registry = PrometheusCollectorRegistry()
    public static func bootstrap() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }
}

/// Public pages: landing, language switch, health, the ledger's public key and checkpoint; metrics (administrators
/// and configured addresses only).
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(PublicRoute.home, use: home)
        routes.on(PublicRoute.language(.zhHans), use: switchLanguage)
        routes.on(PublicRoute.healthz, use: healthz)
        routes.on(PublicRoute.metrics, use: metrics)
        routes.on(LedgerRoute.overview, use: ledgerPublic)
        routes.on(LedgerRoute.checkpoint, use: checkpointJSON)
    }

    struct HomeModel: Encodable {
        var ledgerEntries: Int64
        var headHash: String
        var disclosures: [Link]
        /// DIS-1, DIS-2: the selection matters' published items this reader may see, newest first.
        var matters: [Link]
        var mattersFeed = MatterRoute.feed.path
        /// CAS-1: the public report form, the receipt lookup and the typical cases.
        var report = ReportRoute.form.path
        var follow = ReportRoute.follow.path
        var typical = ReportRoute.typical.path
    }
    struct Link: Encodable { var href: String; var label: String }

    func home(req: Request) async throws -> Response {
        let head = try await req.store.ledgerHead()
        return try await req.page("home", titleKey: "home_title",
                                  HomeModel(ledgerEntries: head?.seq ?? 0, headHash: head?.hash ?? LedgerEntry.genesisHash,
                                            disclosures: try await req.store.publicResults().map { Link(href: BallotRoute.results($0.id).path, label: $0.title) },
                                            matters: try await req.store.publishedItems(for: req.actingUser, limit: 10).map {
                                                Link(href: MatterRoute.publicPage($0.matterID).path,
                                                     label: MatterText.bracket("\($0.matterTitle) · \($0.kind.title(in: req.language))", MatterText.day($0.publishedAt), req.language))
                                            }))
    }

    func switchLanguage(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let lang = Language(rawValue: code) else { throw Abort(.notFound) }
        let back = RedirectTarget.sameSitePath(req.query[String.self, at: "back"])  // no open redirect, no header injection
        let res = req.redirect(to: back)
        res.cookies["lang"] = HTTPCookies.Value(string: lang.rawValue, maxAge: 365 * 86400, path: "/", isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return res
    }

    struct Health: Content { var status: String; var database: String; var ledgerEntries: Int64 }

    func healthz(req: Request) async throws -> Response {
        do {
            let n = try await req.store.ledgerLength()
            let res = Response(status: .ok)
            try res.content.encode(Health(status: "ok", database: "ok", ledgerEntries: n))
            return res
        } catch {
            let res = Response(status: .serviceUnavailable)
            try res.content.encode(Health(status: "unavailable", database: "error", ledgerEntries: 0))
            return res
        }
    }

    /// Metrics show live figures (sign-ins, casts): for signed-in administrators, and for the addresses configured
    /// with `--metrics-from` when the request comes straight from them (not forwarded by a proxy, which would make
    /// every visitor look like the proxy's address).
    static func mayReadMetrics(_ req: Request) -> Bool {
        if req.user?.roles.contains(.admin) == true { return true }
        let forwarded = req.headers.contains(name: "X-Forwarded-For") || req.headers.contains(name: "Forwarded") || req.headers.contains(name: "X-Real-IP")
        return !forwarded && req.application.settings.metricsFrom.contains { $0.contains(req.remoteAddress) }
    }

    func metrics(req: Request) async throws -> Response {
        guard Self.mayReadMetrics(req) else { throw Abort(.forbidden, reason: "error_forbidden") }
        var buffer: [UInt8] = []
        XuanrenMetrics.registry.emit(into: &buffer)
        let length = try await req.store.ledgerLength()
        let extra = """
        # HELP xuanren_ledger_entries Number of entries in the full-process ledger.
        # TYPE xuanren_ledger_entries gauge
        xuanren_ledger_entries \(length)

        """
        buffer.append(contentsOf: Array(extra.utf8))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(buffer)))
    }

    struct LedgerModel: Encodable {
        var publicKey: String
        var entries: Int64
        var headHash: String
        var checkpoint: CheckpointView?
        var checkpointEvery: Int64
        var checkpointSeconds: Int
        var checkpointURL = LedgerRoute.checkpoint.path, feedURL = LedgerRoute.feed.path, signAction = LedgerRoute.sign.path
        /// Only those who may sign a checkpoint see the button (the route's own access decides).
        var canSign = false
    }

    struct CheckpointView: Encodable {
        var seq: Int64; var headHash: String; var signedAt: String; var signature: String
    }

    func ledgerPublic(req: Request) async throws -> Response {
        let store = req.store
        let head = try await store.ledgerHead()
        let cp = try await store.latestCheckpoint()
        return try await req.page("ledger-public", titleKey: "ledger_title", LedgerModel(
            publicKey: store.ledger.key.publicKeyHex, entries: head?.seq ?? 0, headHash: head?.hash ?? LedgerEntry.genesisHash,
            checkpoint: cp.map { CheckpointView(seq: $0.seq, headHash: $0.headHash, signedAt: $0.signedAt, signature: $0.signature) },
            checkpointEvery: store.ledger.checkpointEvery, checkpointSeconds: Int(req.application.settings.checkpointSeconds),
            canSign: LedgerRoute.sign.access.allows(signedIn: req.user != nil, roles: req.user?.roles ?? [])))
    }

    func checkpointJSON(req: Request) async throws -> Response {
        guard let cp = try await req.store.latestCheckpoint() else { throw Abort(.notFound, reason: "error_noCheckpoint") }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.contentDisposition = .init(.attachment, filename: "xuanren-checkpoint-\(cp.seq).json")
        return Response(status: .ok, headers: headers, body: .init(string: cp.json()))
    }
}
