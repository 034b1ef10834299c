import FluentKit
import Foundation

/// Every signed checkpoint as an Atom feed (RFC 4287), newest first, so that others can keep copies
/// (`/ledger/checkpoints.atom`). Each entry's content is the checkpoint's JSON (`xuanren.checkpoint/1`, as
/// `/ledger/checkpoint.json` serves it), as text. `xuanren verify --checkpoint` reads such a feed back.
public enum CheckpointFeed {
    /// The feed document. `selfURL` and `pageURL` are the feed's and the ledger page's addresses (absolute or
    /// relative to the feed).
    public static func atom(_ checkpoints: [Checkpoint], publicKey: String, title: String, selfURL: String, pageURL: String) -> String {
        let newestFirst = checkpoints.sorted { $0.seq > $1.seq }
        let updated = newestFirst.first.map { rfc3339($0.signedAt) } ?? "1970-01-01T00:00:00Z"
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <id>urn:xuanren:ledger:\(publicKey)</id>
          <title>\(escape(title))</title>
          <subtitle>xuanren.checkpoint/1 — Ed25519 \(publicKey)</subtitle>
          <updated>\(updated)</updated>
          <author><name>xuanren</name></author>
          <link rel="self" type="application/atom+xml" href="\(escape(selfURL))"/>
          <link rel="alternate" type="text/html" href="\(escape(pageURL))"/>

        """
        out.reserveCapacity(out.utf8.count + newestFirst.count * 640)
        for cp in newestFirst {
            out += """
              <entry>
                <id>urn:xuanren:checkpoint:\(cp.publicKey):\(cp.seq)</id>
                <title>checkpoint \(cp.seq)</title>
                <updated>\(rfc3339(cp.signedAt))</updated>
                <content type="text">\(escape(cp.compactJSON()))</content>
              </entry>

            """
        }
        out += "</feed>\n"
        return out
    }

    /// Atom wants RFC 3339 times; the ledger's are ISO 8601 in UTC already (with milliseconds).
    static func rfc3339(_ at: String) -> String { Ledger.parseTimestamp(at) != nil ? at : "1970-01-01T00:00:00Z" }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The checkpoints in a feed (any order). Reads the `<content>` of each `<entry>`: its text (entities and
    /// CDATA decoded), or base64 when the content type is neither text nor XML. A document type
    /// declaration is refused (feeds may come from anywhere).
    public static func parse(_ data: Data) throws -> [Checkpoint] {
        guard let text = String(data: data, encoding: .utf8) else { throw ParseError(description: "the feed is not UTF-8") }
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil || text.contains("<!ENTITY") {
            throw ParseError(description: "the feed has a document type declaration; refused")
        }
        guard text.contains("<feed") else { throw ParseError(description: "not an Atom feed (no <feed> element)") }
        var out: [Checkpoint] = []
        var rest = text[...]
        var index = 0
        while let open = rest.range(of: "<entry") {
            index += 1
            guard let close = rest.range(of: "</entry>", range: open.upperBound ..< rest.endIndex) else {
                throw ParseError(description: "feed entry \(index) is not closed")
            }
            let entry = rest[open.upperBound ..< close.lowerBound]
            rest = rest[close.upperBound...]
            guard let c = entry.range(of: "<content"), let tagEnd = entry.range(of: ">", range: c.upperBound ..< entry.endIndex) else {
                throw ParseError(description: "feed entry \(index) has no content")
            }
            let attributes = entry[c.upperBound ..< tagEnd.lowerBound]
            if attributes.hasSuffix("/") { throw ParseError(description: "feed entry \(index) has empty content") }
            guard let end = entry.range(of: "</content>", range: tagEnd.upperBound ..< entry.endIndex) else {
                throw ParseError(description: "feed entry \(index): <content> is not closed")
            }
            var body = try decodeText(entry[tagEnd.upperBound ..< end.lowerBound], entry: index)
            let type = attribute("type", in: attributes) ?? "text"
            if type != "text" && type != "html" && type != "xhtml" && !type.hasPrefix("text/") && !type.hasSuffix("xml") {
                // RFC 4287 4.1.3.3: other media types are base64
                if let decoded = Data(base64Encoded: body.filter { !$0.isWhitespace }) { body = String(decoding: decoded, as: UTF8.self) }
            }
            do { out.append(try Checkpoint.parse(json: Data(body.utf8))) } catch {
                throw ParseError(description: "feed entry \(index): \(error)")
            }
        }
        return out
    }

    static func attribute(_ name: String, in attributes: Substring) -> String? {
        guard let r = attributes.range(of: name + "=") else { return nil }
        let after = attributes[r.upperBound...]
        guard let q = after.first, q == "\"" || q == "'" else { return nil }
        let value = after.dropFirst()
        guard let end = value.firstIndex(of: q) else { return nil }
        return String(value[..<end])
    }

    static func decodeText(_ s: Substring, entry: Int) throws -> String {
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i...].hasPrefix("<![CDATA[") {
                let start = s.index(i, offsetBy: 9)
                guard let end = s.range(of: "]]>", range: start ..< s.endIndex) else { throw ParseError(description: "feed entry \(entry): unterminated CDATA") }
                out += s[start ..< end.lowerBound]
                i = end.upperBound
            } else if s[i] == "&" {
                guard let semi = s[i...].firstIndex(of: ";"), s.distance(from: i, to: semi) <= 10 else {
                    throw ParseError(description: "feed entry \(entry): bad character reference")
                }
                let ref = s[s.index(after: i) ..< semi]
                switch ref {
                case "lt": out += "<"
                case "gt": out += ">"
                case "amp": out += "&"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    var v: UInt32? = nil
                    if ref.hasPrefix("#x") || ref.hasPrefix("#X") { v = UInt32(ref.dropFirst(2), radix: 16) } else if ref.hasPrefix("#") { v = UInt32(ref.dropFirst()) }
                    guard let v, let scalar = Unicode.Scalar(v) else { throw ParseError(description: "feed entry \(entry): unknown reference &\(ref);") }
                    out.unicodeScalars.append(scalar)
                }
                i = s.index(after: semi)
            } else if s[i] == "<" {
                throw ParseError(description: "feed entry \(entry): markup inside the checkpoint content")
            } else {
                out.append(s[i]); i = s.index(after: i)
            }
        }
        return out
    }
}

extension Checkpoint {
    /// The JSON form on one line (the feed's entries).
    public func compactJSON() -> String {
        let obj: [String: Any] = ["format": Self.format, "seq": seq, "headHash": headHash, "signedAt": signedAt,
                                  "publicKey": publicKey, "signature": signature]
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Checkpoints from a downloaded document: one checkpoint's JSON, or an Atom feed of them.
    public static func parseDocument(_ data: Data) throws -> [Checkpoint] {
        let first = data.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        if first == UInt8(ascii: "<") { return try CheckpointFeed.parse(data) }
        return [try Checkpoint.parse(json: data)]
    }
}

extension Store {
    /// Every stored checkpoint, newest first.
    public func allCheckpoints() async throws -> [Checkpoint] {
        try await CheckpointRecord.query(on: db).sort(\.$id, .descending).all().map(\.checkpoint)
    }
}
