import Foundation
import SelectionCore
import Vapor

/// UI text catalogs (`Resources/Locales/<lang>.json`). No literal UI text lives in templates or code.
public struct Catalog: Sendable {
    public let tables: [Language: [String: String]]

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
