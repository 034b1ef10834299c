/// A one-time voting code (选票码): 13 random base-32 symbols (65 bits) and a check symbol,
/// printed as `XXXX-XXXX-XXXX-XX`. Crockford's alphabet avoids I, L, O and U; typing O for 0 or
/// I/L for 1 is forgiven. The check symbol (Luhn mod 32) catches any single mistyped symbol
/// and any swap of two neighbours before the server is asked.
public struct VotingCode: Sendable, Hashable, CustomStringConvertible {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let dataLength = 13

    /// The 14 symbols without separators.
    public let canonical: String

    public enum ParseError: Error, Equatable, Sendable {
        case wrongLength(Int)
        case badCharacter(Character)
        case checkFailed

        public func message(in language: Language) -> String {
            switch (self, language) {
            case (.wrongLength, .zhHans): "选票码应为14位（不计连字符）"
            case (.wrongLength, .en): "a voting code has 14 characters (not counting hyphens)"
            case (.badCharacter(let c), .zhHans): "选票码中有无效字符“\(c)”"
            case (.badCharacter(let c), .en): "the voting code contains an invalid character “\(c)”"
            case (.checkFailed, .zhHans): "选票码有误，请核对后重新输入"
            case (.checkFailed, .en): "this voting code has a typo; please check it and type it again"
            }
        }
    }

    init(canonical: String) { self.canonical = canonical }

    /// A new random code.
    public static func generate<R: RandomNumberGenerator>(using rng: inout R) -> VotingCode {
        var values = (0 ..< dataLength).map { _ in Int(rng.next() % 32) }
        values.append(checkValue(values))
        return VotingCode(canonical: String(values.map { alphabet[$0] }))
    }

    /// Reads what a voter typed: case, spaces and hyphens do not matter; O→0, I/L→1.
    public static func parse(_ typed: String) throws(ParseError) -> VotingCode {
        var values: [Int] = []
        for ch in typed.uppercased() {
            if ch == "-" || ch == " " || ch == "\u{3000}" { continue }
            let c: Character = switch ch { case "O": "0"; case "I", "L": "1"; default: ch }
            guard let v = alphabet.firstIndex(of: c) else { throw .badCharacter(ch) }
            values.append(v)
        }
        guard values.count == dataLength + 1 else { throw .wrongLength(values.count) }
        guard checkValue(Array(values.prefix(dataLength))) == values[dataLength] else { throw .checkFailed }
        return VotingCode(canonical: String(values.map { alphabet[$0] }))
    }

    /// Luhn mod 32 over the data symbols.
    static func checkValue(_ values: [Int]) -> Int {
        var factor = 2
        var sum = 0
        for v in values.reversed() {
            let addend = factor * v
            sum += addend / 32 + addend % 32
            factor = factor == 2 ? 1 : 2
        }
        return (32 - sum % 32) % 32
    }

    /// `XXXX-XXXX-XXXX-XX` for printing.
    public var grouped: String {
        var out = ""
        for (i, c) in canonical.enumerated() {
            if i > 0 && i % 4 == 0 { out.append("-") }
            out.append(c)
        }
        return out
    }

    public var description: String { grouped }
}

/// BAL-2: drawing members of a representative panel by lot, reproducibly from a recorded seed.
public enum PanelDraw {
    /// `count` members of `pool` in draw order; the same seed always gives the same panel.
    public static func draw(from pool: [String], count: Int, seed: UInt64) -> [String] {
        var rng = SeededGenerator(seed: seed)
        var items = pool
        let n = min(max(0, count), items.count)
        for i in 0 ..< n {
            let j = i + Int(rng.next() % UInt64(items.count - i))
            items.swapAt(i, j)
        }
        return Array(items.prefix(n))
    }
}

/// SplitMix64: a small deterministic generator for draws and demo data (not for secrets).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
