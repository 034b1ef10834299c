import Foundation
import SelectionCore
import Vapor

/// UI text catalogs (`Resources/Locales/<lang>.json`). No literal UI text lives in templates or code.
public struct Catalog: Sendable {
    public let tables: [Language: [String: String]]
    /// Per template and language, only the entries the template (with its layout and partials) uses:
    /// encoding a few dozen strings per page instead of the whole catalog.
    var perTemplate: [String: [Language: [String: String]]] = [:]

    init(tables: [Language: [String: String]]) { self.tables = tables }

    /// Scans `Views/*.leaf` for `t.key` references, following `#extend("…")`.
    mutating func index(views directory: String) {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var keys: [String: Set<String>] = [:]
        var extends: [String: Set<String>] = [:]
        for f in files where f.hasSuffix(".leaf") {
            guard let text = try? String(contentsOfFile: directory + f, encoding: .utf8) else { continue }
            let name = String(f.dropLast(5))
            keys[name] = Catalog.words(after: "t.", in: text, allowed: Catalog.keyCharacters)
            extends[name] = Catalog.words(after: "#extend(\"", in: text, allowed: Catalog.keyCharacters.union(["-"]))
        }
        for name in keys.keys {
            var needed = Set<String>()
            var queue = [name]
            var seen = Set<String>()
            while let next = queue.popLast() {
                guard seen.insert(next).inserted else { continue }
                needed.formUnion(keys[next] ?? [])
                queue.append(contentsOf: extends[next] ?? [])
            }
            var byLang: [Language: [String: String]] = [:]
            for lang in Language.allCases { byLang[lang] = (tables[lang] ?? [:]).filter { needed.contains($0.key) } }
            perTemplate[name] = byLang
        }
    }

    static let keyCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

    /// Every run of `allowed` characters that follows `prefix` in `text`.
    static func words(after prefix: String, in text: String, allowed: Set<Character>) -> Set<String> {
        var out = Set<String>()
        var rest = Substring(text)
        while let r = rest.range(of: prefix) {
            let word = rest[r.upperBound...].prefix { allowed.contains($0) }
            if !word.isEmpty { out.insert(String(word)) }
            rest = rest[r.upperBound...]
        }
        return out
    }

    /// The entries a template needs (the whole table for a template not indexed).
    func table(_ lang: Language, for template: String) -> [String: String] {
        perTemplate[template]?[lang] ?? table(lang)
    }

    public static func load(from directory: String) throws -> Catalog {
        var tables: [Language: [String: String]] = [:]
        for lang in Language.allCases {
            let path = directory + "Locales/\(lang.rawValue).json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationErrorWeb("missing UI catalog \(path)")
            }
            tables[lang] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return Catalog(tables: tables)
    }

    public func text(_ key: String, _ lang: Language) -> String {
        tables[lang]?[key] ?? tables[.zhHans]?[key] ?? key
    }

    public func table(_ lang: Language) -> [String: String] { tables[lang] ?? [:] }
}

struct ConfigurationErrorWeb: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

struct CatalogKey: StorageKey { typealias Value = Catalog }

extension Application {
    var catalog: Catalog {
        get { storage[CatalogKey.self]! }
        set { storage[CatalogKey.self] = newValue }
    }
}

extension Request {
    /// The UI language: the `lang` cookie if set, else Accept-Language, else zh-Hans.
    var language: Language {
        if let c = cookies["lang"]?.string, let l = Language(rawValue: c) { return l }
        return Language.preferred(from: headers.first(name: .acceptLanguage))
    }

    func t(_ key: String) -> String { application.catalog.text(key, language) }
}
