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

    struct Field: Encodable { var label: String; var value: String }
    struct Row: Encodable {
        var seq: Int64; var at: String; var actor: String; var action: String; var code: String; var subject: String; var subjectID: String; var subjectHref: String
        var fields: [Field]; var hash: String
    }
    struct Option: Encodable { var value: String; var label: String; var selected: Bool }
    struct Model: Encodable { var rows: [Row]; var older: Int64?; var subject: String; var kinds: [Option]; var olderURL: String?; var action = LedgerRoute.entries.path }

    /// The kinds of subject an entry is about, in words (LED-1).
    static let subjectKinds: [(String, String, String)] = [
        ("matter", "选任事项", "Selection matter"), ("cadre", "干部档案", "Cadre file"), ("ballot_session", "投票表决", "Ballot session"),
        ("unit", "单位", "Unit"), ("account", "账号", "Account"), ("ledger", "全程纪实", "Ledger"), ("calendar", "节假日安排", "Holiday calendar"),
        ("position", "职位", "Position"), ("reserve", "后备干部", "Reserve pool"), ("panel", "测评组", "Panel"),
    ]

    /// A stored UTC time as Asia/Shanghai wall time (`2026-11-30 11:01:17`).
    static func shanghai(_ iso: String) -> String {
        guard let d = Ledger.parseTimestamp(iso) else { return iso }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: d)
    }

    func entries(req: Request) async throws -> Response {
        let before = req.query[Int64.self, at: "before"]
        let subject = req.query[String.self, at: "subject"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let kind = req.query[String.self, at: "kind"].flatMap { k in Self.subjectKinds.contains { $0.0 == k } ? k : nil }
        let lang = req.language
        let list = try await req.store.ledgerEntries(subjectType: kind, subjectID: subject, before: before, limit: 100)
        let kinds = Dictionary(Self.subjectKinds.map { ($0.0, lang == .zhHans ? $0.1 : $0.2) }, uniquingKeysWith: { a, _ in a })
        let rows = list.map { e in
            Row(seq: e.seq, at: Self.shanghai(e.at), actor: e.actor, action: LedgerCatalog.title(of: e.action, in: lang), code: e.action,
                subject: kinds[e.subjectType] ?? e.subjectType, subjectID: e.subjectID, subjectHref: LedgerRoute.entries.link(["subject": e.subjectID]),
                fields: LedgerCatalog.payload(e.payload).map { Field(label: LedgerCatalog.label(of: $0.key, in: lang), value: LedgerCatalog.text(of: $0.value, key: $0.key, in: lang)) },
                hash: String(e.hash.prefix(16)))
        }
        let older = list.count == 100 ? list.last?.seq : nil
        let options = [Option(value: "", label: req.t("ledgerEntries_allKinds"), selected: kind == nil)]
            + Self.subjectKinds.map { Option(value: $0.0, label: lang == .zhHans ? $0.1 : $0.2, selected: kind == $0.0) }
        return try await req.page("ledger-entries", titleKey: "ledgerEntries_title",
                                  Model(rows: rows, older: older, subject: subject ?? "", kinds: options,
                                        olderURL: older.map { LedgerRoute.entries.link(["before": String($0), "subject": subject, "kind": kind]) }))
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
