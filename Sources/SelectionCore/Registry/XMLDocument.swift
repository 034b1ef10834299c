/// A small XML reader for exchange files such as LRMX. Imports are hostile input, so it refuses any
/// document type declaration: without a DTD there are no external entities (XXE) and no entity
/// expansion bombs. Only the five predefined entities and character references are understood.
/// Limits: element depth, element count and input size.
public struct XMLNode: Sendable, Equatable {
    public var name: String
    public var text: String
    public var children: [XMLNode]
    public init(name: String, text: String = "", children: [XMLNode] = []) { self.name = name; self.text = text; self.children = children }
    public func child(_ n: String) -> XMLNode? { children.first { $0.name == n } }
}

public struct XMLProblem: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case doctypeRefused, tooLarge(Int), tooDeep, tooManyElements, unknownEntity(String), malformed(String), notUTF8, empty
    }
    public var kind: Kind
    /// 1-based line of the problem.
    public var line: Int
    public func message(in l: Language) -> String {
        let at = l == .en ? "line \(line): " : "第\(line)行："
        switch (kind, l) {
        case (.doctypeRefused, .zhHans): return at + "文件含有文档类型声明（DOCTYPE），为防止外部实体和实体膨胀攻击，不予导入"
        case (.doctypeRefused, .en): return at + "the file has a document type declaration (DOCTYPE); refused to prevent external-entity and entity-expansion attacks"
        case (.tooLarge(let n), .zhHans): return "文件过大（上限\(n / 1_048_576) MB）"
        case (.tooLarge(let n), .en): return "file too large (limit \(n / 1_048_576) MB)"
        case (.tooDeep, .zhHans): return at + "元素嵌套过深"
        case (.tooDeep, .en): return at + "elements nested too deeply"
        case (.tooManyElements, .zhHans): return at + "元素过多"
        case (.tooManyElements, .en): return at + "too many elements"
        case (.unknownEntity(let e), .zhHans): return at + "未知的实体引用 &\(e);"
        case (.unknownEntity(let e), .en): return at + "unknown entity reference &\(e);"
        case (.malformed(let what), .zhHans): return at + "XML格式错误（\(what)）"
        case (.malformed(let what), .en): return at + "malformed XML (\(what))"
        case (.notUTF8, .zhHans): return "文件不是UTF-8编码"
        case (.notUTF8, .en): return "the file is not UTF-8"
        case (.empty, .zhHans): return "文件为空"
        case (.empty, .en): return "the file is empty"
        }
    }
}

public enum XMLReader {
    public static let maxBytes = 16 << 20
    static let maxDepth = 32
    static let maxElements = 100_000

    public static func parse(_ input: [UInt8]) throws(XMLProblem) -> XMLNode {
        if input.count > maxBytes { throw XMLProblem(kind: .tooLarge(maxBytes), line: 1) }
        var p = Parser(b: input)
        return try p.document()
    }

    struct Parser {
        let b: [UInt8]
        var i = 0
        var line = 1
        var elements = 0

        init(b: [UInt8]) {
            self.b = b
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        func fail(_ k: XMLProblem.Kind) -> XMLProblem { XMLProblem(kind: k, line: line) }
        func at(_ s: String) -> Bool { b[i...].starts(with: s.utf8) }
        mutating func advance(_ n: Int = 1) { for _ in 0 ..< n where i < b.count { if b[i] == 0x0A { line += 1 }; i += 1 } }
        mutating func skipSpace() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { advance() } }
        mutating func skip(past s: String, what: String) throws(XMLProblem) {
            while i < b.count, !at(s) { advance() }
            guard i < b.count else { throw fail(.malformed("unterminated \(what)")) }
            advance(s.utf8.count)
        }

        /// Comments, processing instructions and whitespace; refuses DOCTYPE.
        mutating func misc() throws(XMLProblem) {
            while true {
                skipSpace()
                if at("<!--") { try skip(past: "-->", what: "comment") }
                else if at("<?") { try skip(past: "?>", what: "processing instruction") }
                else if at("<!DOCTYPE") || at("<!doctype") || at("<!ENTITY") { throw fail(.doctypeRefused) }
                else { return }
            }
        }

        mutating func document() throws(XMLProblem) -> XMLNode {
            skipSpace()
            if i >= b.count { throw fail(.empty) }
            try misc()
            guard at("<") else { throw fail(.malformed("no root element")) }
            let root = try element(depth: 0)
            try misc()
            guard i >= b.count else { throw fail(.malformed("content after the root element")) }
            return root
        }

        mutating func name() throws(XMLProblem) -> String {
            let start = i
            while i < b.count {
                let c = b[i]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=") { break }
                if c == UInt8(ascii: "<") || c == UInt8(ascii: "&") { throw fail(.malformed("bad name")) }
                i += 1
            }
            guard i > start, let s = String(validating: b[start ..< i], as: UTF8.self) else { throw fail(.malformed("missing name")) }
            return s
        }

        mutating func element(depth: Int) throws(XMLProblem) -> XMLNode {
            guard depth < XMLReader.maxDepth else { throw fail(.tooDeep) }
            elements += 1
            guard elements <= XMLReader.maxElements else { throw fail(.tooManyElements) }
            advance() // <
            let n = try name()
            // Attributes are read and ignored (the exchange formats have none).
            while true {
                skipSpace()
                guard i < b.count else { throw fail(.malformed("unterminated tag <\(n)>")) }
                if at("/>") { advance(2); return XMLNode(name: n) }
                if b[i] == UInt8(ascii: ">") { advance(); break }
                _ = try name()
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "=") else { throw fail(.malformed("attribute without value in <\(n)>")) }
                advance(); skipSpace()
                guard i < b.count, b[i] == 0x22 || b[i] == 0x27 else { throw fail(.malformed("unquoted attribute in <\(n)>")) }
                let q = b[i]; advance()
                while i < b.count, b[i] != q { if b[i] == UInt8(ascii: "<") { throw fail(.malformed("< in attribute")) }; advance() }
                guard i < b.count else { throw fail(.malformed("unterminated attribute")) }
                advance()
            }
            var node = XMLNode(name: n)
            var text: [UInt8] = []
            while true {
                guard i < b.count else { throw fail(.malformed("<\(n)> is not closed")) }
                let c = b[i]
                if c == UInt8(ascii: "<") {
                    if at("</") {
                        advance(2)
                        let close = try name()
                        guard close == n else { throw fail(.malformed("</\(close)> closes <\(n)>")) }
                        skipSpace()
                        guard i < b.count, b[i] == UInt8(ascii: ">") else { throw fail(.malformed("bad closing tag")) }
                        advance()
                        break
                    } else if at("<!--") {
                        try skip(past: "-->", what: "comment")
                    } else if at("<![CDATA[") {
                        advance(9)
                        let start = i
                        while i < b.count, !at("]]>") { advance() }
                        guard i < b.count else { throw fail(.malformed("unterminated CDATA")) }
                        text.append(contentsOf: b[start ..< i])
                        advance(3)
                    } else if at("<!") {
                        throw fail(.doctypeRefused)
                    } else if at("<?") {
                        try skip(past: "?>", what: "processing instruction")
                    } else {
                        node.children.append(try element(depth: depth + 1))
                    }
                } else if c == UInt8(ascii: "&") {
                    try reference(into: &text)
                } else if c == 0x0D {
                    // XML line-end normalization: CRLF and CR become LF.
                    advance()
                    if i < b.count, b[i] == 0x0A { advance() }
                    text.append(0x0A)
                } else {
                    if c == 0x0A { line += 1 }
                    text.append(c); i += 1
                }
            }
            guard let s = String(validating: text, as: UTF8.self) else { throw fail(.notUTF8) }
            node.text = s
            return node
        }

        mutating func reference(into text: inout [UInt8]) throws(XMLProblem) {
            advance() // &
            let start = i
            while i < b.count, b[i] != UInt8(ascii: ";"), i - start < 12 { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: ";") else { throw fail(.malformed("unterminated reference")) }
            let ref = String(decoding: b[start ..< i], as: UTF8.self)
            i += 1
            switch ref {
            case "lt": text.append(UInt8(ascii: "<"))
            case "gt": text.append(UInt8(ascii: ">"))
            case "amp": text.append(UInt8(ascii: "&"))
            case "quot": text.append(0x22)
            case "apos": text.append(0x27)
            default:
                var value: UInt32? = nil
                if ref.hasPrefix("#x") || ref.hasPrefix("#X") { value = UInt32(ref.dropFirst(2), radix: 16) }
                else if ref.hasPrefix("#") { value = UInt32(ref.dropFirst()) }
                else { throw fail(.unknownEntity(ref)) }
                guard let v = value, let scalar = Unicode.Scalar(v), v != 0 else { throw fail(.malformed("bad character reference &\(ref);")) }
                text.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
        }
    }
}

public enum XMLWriter {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
