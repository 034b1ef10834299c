import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// DIS-1, DIS-2: a matter's published items (the plan with its settings, amendments, recommendation results, the
/// inspection notice), each dated, and an Atom feed of them. Only what the store's `publishedItems(for:)` gives
/// the reader is shown: items within the plan's scope, never drafts, talks, records or gates. A matter of which the
/// reader may see nothing looks like an unknown one (its title does not show either).
struct DisclosureController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(MatterRoute.publicPage(UUID.parameter), use: publicPage)
        routes.on(MatterRoute.feed, use: feed)
    }

    /// One label with its values (a run of lines with the same key, e.g. each nominee's result).
    struct Line: Encodable { var label: String; var values: [String] }
    struct Item: Encodable { var kind: String; var title: String; var at: String; var ends: String?; var lines: [Line]; var settings: [String]; var scope: String }
    struct Model: Encodable { var matterTitle: String?; var unit: String?; var items: [Item]; var feed = MatterRoute.feed.path }

    /// A published line's label (the store keeps the key: `position`, `conditions`, `decision`, …).
    static func label(_ key: String, _ req: Request) -> String {
        let k = "matters_line_\(key)"
        let text = req.t(k)
        return text == k ? key : text
    }

    static func item(_ i: MatterItem, _ req: Request) -> Item {
        Item(kind: i.kind.rawValue, title: i.kind.title(in: req.language), at: MatterText.time(i.publishedAt), ends: i.ends?.description,
             lines: i.lines.filter { $0.key != "setting" }.reduce(into: [(key: String, values: [String])]()) { runs, line in
                 if runs.last?.key == line.key { runs[runs.count - 1].values.append(line.value) } else { runs.append((line.key, [line.value])) }
             }.map { Line(label: label($0.key, req), values: $0.values) },
             settings: i.lines.filter { $0.key == "setting" }.map(\.value), scope: i.scope.title(in: req.language))
    }

    func publicPage(req: Request) async throws -> Response {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? "") else { throw Abort(.notFound) }
        let items = try await req.store.publishedItems(for: req.actingUser, matter: id)
        return try await req.page("matter-public", titleKey: "matters_publicTitle", Model(
            matterTitle: items.first?.matterTitle, unit: items.first?.unitName, items: items.map { Self.item($0, req) }))
    }

    /// The published items this reader may see, newest first, as Atom (RFC 4287); anonymous readers get the public ones.
    func feed(req: Request) async throws -> Response {
        let items = try await req.store.publishedItems(for: req.actingUser, limit: 50)
        let settings = req.application.settings
        func esc(_ raw: String) -> String {
            // characters XML 1.0 does not allow (controls other than tab and line breaks) would break the feed for everyone
            let s = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                .filter { !(0xFFFE ... 0xFFFF).contains($0.value) }))
            return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        func rfc3339(_ t: Int64) -> String {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime]
            return f.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
        }
        let selfURL = settings.publicLink(MatterRoute.feed.path)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <id>\(esc(selfURL))</id>
          <title>\(esc(req.t("matters_feedTitle")))</title>
          <updated>\(rfc3339(items.first?.publishedAt ?? 0))</updated>
          <author><name>xuanren</name></author>
          <link rel="self" type="application/atom+xml" href="\(esc(selfURL))"/>
          <link rel="alternate" type="text/html" href="\(esc(settings.publicLink(PublicRoute.home.path)))"/>

        """
        for i in items {
            let text = i.lines.map { "\(Self.label($0.key, req))：\($0.value)" }.joined(separator: "\n")
            xml += """
              <entry>
                <id>urn:xuanren:matter-item:\(i.id.uuidString.lowercased())</id>
                <title>\(esc(i.title))</title>
                <updated>\(rfc3339(i.publishedAt))</updated>
                <link rel="alternate" type="text/html" href="\(esc(settings.publicLink(MatterRoute.publicPage(i.matterID).path)))"/>
                <category term="\(i.kind.rawValue)" label="\(esc(i.kind.title(in: req.language)))"/>
                <content type="text">\(esc("\(i.unitName)\n" + text))</content>
              </entry>

            """
        }
        xml += "</feed>\n"
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: xml))
    }
}
