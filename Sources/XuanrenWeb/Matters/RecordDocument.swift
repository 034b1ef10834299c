import Foundation
import Leaf
import SelectionCore
import Vapor
import XuanrenStore

/// LED-3 outside the web: the matter's record or a person's table as one standalone HTML document — the page's own
/// model (`RecordPage`) and template (`matter-record-doc.leaf`), with the site's stylesheet inline and no links — for
/// `xuanren matter table|record --pdf` to print through a headless browser. Talk contents are never in it.
///
/// It renders through a Vapor application made only for its view renderer (no server, no database, no sessions), so
/// that the command line and the web print the same template with the same catalogs.
public enum RecordDocument {
    struct Context: Encodable {
        var t: [String: String]; var lang: String; var title: String; var css: String; var page: RecordPage
    }

    /// `root`: the folder holding `Resources/` and `Public/` (as `serve --root`).
    public static func html(_ record: SelectionRecord, root: String) async throws -> String {
        let dir = root.hasSuffix("/") ? root : root + "/"
        var catalog = try Catalog.load(from: dir + "Resources/")
        catalog.index(views: dir + "Resources/Views/")
        guard let css = try? String(contentsOfFile: dir + "Public/css/site.css", encoding: .utf8) else {
            throw ConfigurationError("cannot read \(dir)Public/css/site.css (give --root, or set XUANREN_ROOT, to the folder holding Resources/ and Public/)")
        }
        let lang = record.language
        let t = { (key: String) in catalog.text(key, lang) }
        let template = "matter-record-pdf"
        let context = Context(t: catalog.table(lang, for: template), lang: lang.rawValue,
                              title: t(record.person == nil ? "record_matter_title" : "record_table_title"), css: css,
                              page: RecordPage.make(record, t: t, links: false, screen: false))
        let app = try await Application.make(.production)
        app.logger.logLevel = .error
        app.directory = DirectoryConfiguration(workingDirectory: dir)
        app.views.use(.leaf)
        app.leaf.cache.isEnabled = false
        do {
            let view = try await app.view.render(template, context)
            try await app.asyncShutdown()
            return String(buffer: view.data)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
