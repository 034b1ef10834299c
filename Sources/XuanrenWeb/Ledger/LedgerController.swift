import SelectionCore
import Vapor
import XuanrenStore

/// The ledger's entries, for supervisors and administrators; signing a checkpoint on demand; every checkpoint
/// as an Atom feed, public like `/ledger/checkpoint.json`, so that others can keep copies (LED-2).
struct LedgerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(LedgerRoute.entries, use: entries)
        routes.on(LedgerRoute.sign, use: sign)
        routes.on(LedgerRoute.feed, use: feed)
    }

    struct Row: Encodable { var seq: Int64; var at: String; var actor: String; var action: String; var subject: String; var payload: String; var hash: String }
    struct Model: Encodable { var rows: [Row]; var older: Int64?; var subject: String; var olderURL: String?; var action = LedgerRoute.entries.path }

    func entries(req: Request) async throws -> Response {
        let before = req.query[Int64.self, at: "before"]
        let subject = req.query[String.self, at: "subject"].flatMap { $0.isEmpty ? nil : $0 }
        let list = try await req.store.ledgerEntries(subjectID: subject, before: before, limit: 100)
        let rows = list.map {
            Row(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, subject: "\($0.subjectType):\($0.subjectID)",
                payload: $0.payload, hash: String($0.hash.prefix(16)))
        }
        let older = list.count == 100 ? list.last?.seq : nil
        return try await req.page("ledger-entries", titleKey: "ledgerEntries_title",
                                  Model(rows: rows, older: older, subject: subject ?? "",
                                        olderURL: older.map { LedgerRoute.entries.link(["before": String($0), "subject": subject]) }))
    }

    func feed(req: Request) async throws -> Response {
        let store = req.store
        let xml = CheckpointFeed.atom(try await store.allCheckpoints(), publicKey: store.ledger.key.publicKeyHex,
                                      title: req.t("ledger_feedTitle"), selfURL: LedgerRoute.feed.path, pageURL: LedgerRoute.overview.path)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: xml))
    }

    func sign(req: Request) async throws -> Response {
        _ = try await req.store.checkpointNow(actor: req.user!.username, reason: .manual)
        req.flash("ledger_signed")
        return req.redirect(to: LedgerRoute.overview)
    }
}
