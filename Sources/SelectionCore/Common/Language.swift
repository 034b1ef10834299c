import Foundation

/// The two UI languages. zh-Hans is the default everywhere.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zhHans = "zh-Hans"
    case en

    /// Picks a language from an HTTP `Accept-Language` header or a POSIX `LANG` value
    /// (`en_US.UTF-8`, `zh_CN.UTF-8`, `en-GB,en;q=0.8`). Anything unknown means zh-Hans.
    public static func preferred(from header: String?) -> Language {
        guard let header, !header.isEmpty else { return .zhHans }
        var best: (Language, Double)? = nil
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";")
            let tag = pieces.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            var q = 1.0
            for p in pieces.dropFirst() {
                let kv = p.trimmingCharacters(in: .whitespaces)
                if kv.hasPrefix("q="), let v = Double(kv.dropFirst(2)) { q = v }
            }
            let lang: Language?
            if tag.hasPrefix("zh") { lang = .zhHans }
            else if tag.hasPrefix("en") { lang = .en }
            else { lang = nil }
            if let lang, q > (best?.1 ?? -1) { best = (lang, q) }
        }
        return best?.0 ?? .zhHans
    }
}

