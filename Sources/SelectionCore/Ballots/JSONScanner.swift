/// A pull scanner over JSON bytes read in chunks, for ballot boxes of any size in bounded memory.
///
/// Every token must fit in `maxToken` bytes (1 MiB); before each token the scanner keeps at least that
/// much in its window (or reaches the end), so tokens are contiguous and strings without escapes are
/// returned as views into the window — no allocation per token.
struct JSONScanner {
    enum ValueKind { case object, array, string, number, bool, null }

    static var windowSize: Int { 4 << 20 }
    static var maxToken: Int { 1 << 20 }
    /// The token limit of this scanner: `maxToken`, or less for a small input that fits its window whole.
    let tokenLimit: Int
    static var maxDepth: Int { 512 }

    var source: any ByteSource
    let window: UnsafeMutableRawBufferPointer
    var pos = 0
    var end = 0
    var eof = false
    /// Decoded strings with escapes or multi-byte characters land here.
    let scratch: UnsafeMutablePointer<UInt8>
    var scratchCount = 0
    /// Bytes consumed before the window start (for messages only).
    var consumedBefore = 0

    /// `longestToken` below `maxToken` makes a window of four times that (a reader that gives up on longer tokens,
    /// like the score sheet's second reader, needs no 4 MiB).
    init(_ source: any ByteSource, longestToken: Int = maxToken) {
        self.source = source
        let wanted = longestToken < Self.maxToken ? 4 * max(longestToken, 1024) : Self.windowSize
        // an input known to be small gets a window that holds it whole (plus room), not 4 MiB
        let size = source.sizeHint.map { min(wanted, max(4096, $0 + 16)) } ?? wanted
        self.window = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        self.tokenLimit = min(longestToken, Self.maxToken, size)
        self.scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: tokenLimit + 8)
    }

    func release() { window.deallocate(); scratch.deallocate() }

    @inline(__always) mutating func put(_ byte: UInt8) { scratch[scratchCount] = byte; scratchCount += 1 }

    @inline(__always) var base: UnsafeMutablePointer<UInt8> { window.baseAddress!.assumingMemoryBound(to: UInt8.self) }

    /// Keeps at least `maxToken` bytes ahead of `pos` unless the input ends first.
    @inline(__always) mutating func ensure() throws(BallotBoxError) {
        if end - pos >= tokenLimit || eof { return }
        try refill()
    }

    mutating func refill() throws(BallotBoxError) {
        let remaining = end - pos
        if pos > 0 && remaining > 0 { (window.baseAddress! + 0).copyMemory(from: window.baseAddress! + pos, byteCount: remaining) }
        consumedBefore += pos
        pos = 0
        end = remaining
        while end < window.count && !eof {
            let slice = UnsafeMutableRawBufferPointer(rebasing: window[end...])
            let n: Int
            do { n = try source.read(into: slice) } catch { throw BallotBoxError("$", .syntax("readable input")) }
            if n == 0 { eof = true } else { end += n }
        }
    }

    /// Where the next byte is in the whole input.
    var offset: Int { consumedBefore + pos }

    /// Goes on from `offset` of the whole input (not behind the window): in the window when it is there, else by
    /// seeking the source; false when the source cannot seek.
    mutating func skip(to offset: Int) -> Bool {
        if offset >= consumedBefore && offset <= consumedBefore + end { pos = offset - consumedBefore; return true }
        guard offset > consumedBefore + end, source.seek(to: offset) else { return false }
        consumedBefore = offset
        pos = 0; end = 0; eof = false
        return true
    }

    /// The next non-whitespace byte (not consumed), or nil at the end of input.
    @inline(__always) mutating func peek() throws(BallotBoxError) -> UInt8? {
        while true {
            if pos >= end {
                if eof { return nil }
                try refill()
                if pos >= end { return nil }
            }
            let c = base[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1; continue }
            return c
        }
    }

    mutating func expect(_ byte: UInt8, _ what: String, _ path: @autoclosure () -> String) throws(BallotBoxError) {
        guard let c = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
        guard c == byte else { throw BallotBoxError(path(), .syntax(what)) }
        pos += 1
    }

    mutating func kind(_ path: @autoclosure () -> String) throws(BallotBoxError) -> ValueKind {
        guard let c = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
        switch c {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw BallotBoxError(path(), .syntax("a JSON value"))
        }
    }

    // MARK: objects and arrays

    mutating func beginObject(_ path: @autoclosure () -> String) throws(BallotBoxError) {
        let k = try kind(path())
        guard k == .object else { throw BallotBoxError(path(), .wrongType("object")) }
        pos += 1
    }

    mutating func beginArray(_ path: @autoclosure () -> String) throws(BallotBoxError) {
        let k = try kind(path())
        guard k == .array else { throw BallotBoxError(path(), .wrongType("array")) }
        pos += 1
    }

    /// The next key of an object (after `beginObject`), or nil at its end. `first` tracks commas.
    mutating func nextKey(_ first: inout Bool, _ path: @autoclosure () -> String) throws(BallotBoxError) -> UnsafeRawBufferPointer? {
        guard let c = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
        if c == UInt8(ascii: "}") { pos += 1; return nil }
        if !first {
            guard c == UInt8(ascii: ",") else { throw BallotBoxError(path(), .syntax("“,” or “}”")) }
            pos += 1
        }
        first = false
        guard let q = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
        guard q == UInt8(ascii: "\"") else { throw BallotBoxError(path(), .syntax("a key in quotes")) }
        let key = try string(path())
        guard let colon = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
        guard colon == UInt8(ascii: ":") else { throw BallotBoxError(path(), .syntax("“:”")) }
        pos += 1
        return key
    }

    /// Whether the array has another element (after `beginArray`); consumes commas and the closing bracket.
    mutating func nextElement(_ first: inout Bool, _ path: @autoclosure () -> String) throws(BallotBoxError) -> Bool {
        guard let c = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
        if c == UInt8(ascii: "]") { pos += 1; return false }
        if !first {
            guard c == UInt8(ascii: ",") else { throw BallotBoxError(path(), .syntax("“,” or “]”")) }
            pos += 1
            guard let n = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
            if n == UInt8(ascii: "]") { throw BallotBoxError(path(), .syntax("a value after “,”")) }
        }
        first = false
        return true
    }

    // MARK: strings

    /// A string value as UTF-8 bytes, valid until the next call on the scanner.
    mutating func string(_ path: @autoclosure () -> String) throws(BallotBoxError) -> UnsafeRawBufferPointer {
        try ensure()
        guard let c = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
        guard c == UInt8(ascii: "\"") else {
            // a syntax error if it is not a JSON value at all, else a wrong type
            _ = try kind(path())
            throw BallotBoxError(path(), .wrongType("string"))
        }
        pos += 1
        let start = pos
        var i = pos
        let e = min(end, start + tokenLimit)
        let b = base
        // fast path: plain ASCII without escapes
        while i < e {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                return UnsafeRawBufferPointer(start: b + start, count: i - start)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            i += 1
        }
        return try slowString(start: start, from: i, path())
    }

    mutating func slowString(start: Int, from: Int, _ path: @autoclosure () -> String) throws(BallotBoxError) -> UnsafeRawBufferPointer {
        scratchCount = 0
        let b = base
        let e = end
        var i = start
        while i < from { put(b[i]); i += 1 }
        while true {
            guard i < e else { throw BallotBoxError(path(), eof ? .unexpectedEnd : .stringTooLong) }
            if i - start >= tokenLimit { throw BallotBoxError(path(), .stringTooLong) }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw BallotBoxError(path(), .syntax("no control character inside a string")) }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < e else { throw BallotBoxError(path(), .unexpectedEnd) }
                let x = b[i + 1]
                i += 2
                switch x {
                case UInt8(ascii: "\""): put(0x22)
                case UInt8(ascii: "\\"): put(0x5C)
                case UInt8(ascii: "/"): put(0x2F)
                case UInt8(ascii: "b"): put(0x08)
                case UInt8(ascii: "f"): put(0x0C)
                case UInt8(ascii: "n"): put(0x0A)
                case UInt8(ascii: "r"): put(0x0D)
                case UInt8(ascii: "t"): put(0x09)
                case UInt8(ascii: "u"):
                    var cp = try hex4(at: i, path())
                    i += 4
                    if cp >= 0xD800 && cp < 0xDC00 {
                        guard i + 6 <= e, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                            throw BallotBoxError(path(), .invalidUTF8)
                        }
                        let lo = try hex4(at: i + 2, path())
                        guard lo >= 0xDC00 && lo < 0xE000 else { throw BallotBoxError(path(), .invalidUTF8) }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    } else if cp >= 0xDC00 && cp < 0xE000 {
                        throw BallotBoxError(path(), .invalidUTF8)
                    }
                    appendUTF8(cp)
                default:
                    throw BallotBoxError(path(), .syntax("a valid escape"))
                }
                continue
            }
            if c < 0x80 { put(c); i += 1; continue }
            // multi-byte UTF-8: validate
            let n: Int
            var minCP: UInt32
            var cp: UInt32
            if c & 0xE0 == 0xC0 { n = 2; cp = UInt32(c & 0x1F); minCP = 0x80 }
            else if c & 0xF0 == 0xE0 { n = 3; cp = UInt32(c & 0x0F); minCP = 0x800 }
            else if c & 0xF8 == 0xF0 { n = 4; cp = UInt32(c & 0x07); minCP = 0x10000 }
            else { throw BallotBoxError(path(), .invalidUTF8) }
            guard i + n <= e else { throw BallotBoxError(path(), .unexpectedEnd) }
            for k in 1 ..< n {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { throw BallotBoxError(path(), .invalidUTF8) }
                cp = cp << 6 | UInt32(cc & 0x3F)
            }
            guard cp >= minCP, cp <= 0x10FFFF, !(cp >= 0xD800 && cp < 0xE000) else { throw BallotBoxError(path(), .invalidUTF8) }
            for k in 0 ..< n { put(b[i + k]) }
            i += n
            minCP = 0
        }
        pos = i
        return UnsafeRawBufferPointer(start: scratch, count: scratchCount)
    }

    mutating func hex4(at i: Int, _ path: @autoclosure () -> String) throws(BallotBoxError) -> UInt32 {
        guard i + 4 <= end else { throw BallotBoxError(path(), .unexpectedEnd) }
        var v: UInt32 = 0
        for k in 0 ..< 4 {
            let c = base[i + k]
            let d: UInt32
            switch c {
            case 0x30 ... 0x39: d = UInt32(c - 0x30)
            case 0x61 ... 0x66: d = UInt32(c - 0x61 + 10)
            case 0x41 ... 0x46: d = UInt32(c - 0x41 + 10)
            default: throw BallotBoxError(path(), .syntax("four hex digits after \\u"))
            }
            v = v << 4 | d
        }
        return v
    }

    mutating func appendUTF8(_ cp: UInt32) {
        if cp < 0x80 { put(UInt8(cp)) }
        else if cp < 0x800 { put(UInt8(0xC0 | cp >> 6)); put(UInt8(0x80 | cp & 0x3F)) }
        else if cp < 0x10000 {
            put(UInt8(0xE0 | cp >> 12)); put(UInt8(0x80 | (cp >> 6) & 0x3F)); put(UInt8(0x80 | cp & 0x3F))
        } else {
            put(UInt8(0xF0 | cp >> 18)); put(UInt8(0x80 | (cp >> 12) & 0x3F))
            put(UInt8(0x80 | (cp >> 6) & 0x3F)); put(UInt8(0x80 | cp & 0x3F))
        }
    }

    mutating func stringValue(_ path: @autoclosure () -> String) throws(BallotBoxError) -> String {
        let p = try string(path())
        return String(decoding: p, as: UTF8.self)
    }

    // MARK: numbers and literals

    /// A number's text, checked against the JSON grammar.
    mutating func number(_ path: @autoclosure () -> String) throws(BallotBoxError) -> JSONNumber {
        try ensure()
        let k = try kind(path())
        guard k == .number else { throw BallotBoxError(path(), .wrongType("number")) }
        let b = base
        let start = pos
        var i = pos
        var negative = false
        if b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        func digit(_ j: Int) -> Bool { j < end && b[j] >= 0x30 && b[j] <= 0x39 }
        guard digit(i) else { throw BallotBoxError(path(), .syntax("a digit")) }
        if b[i] == 0x30 { i += 1; if digit(i) { throw BallotBoxError(path(), .syntax("no leading zero")) } }
        else { while digit(i) { i += 1 } }
        let intEnd = i
        var fracDigits = 0
        if i < end && b[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { throw BallotBoxError(path(), .syntax("a digit after “.”")) }
            while digit(i) { i += 1; fracDigits += 1 }
        }
        var hasExponent = false
        if i < end && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            hasExponent = true
            i += 1
            if i < end && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard digit(i) else { throw BallotBoxError(path(), .syntax("a digit in the exponent")) }
            while digit(i) { i += 1 }
        }
        if i - start > 4096 { throw BallotBoxError(path(), .tooLarge) }
        let text = String(decoding: UnsafeRawBufferPointer(start: b + start, count: i - start), as: UTF8.self)
        pos = i
        return JSONNumber(text: text, negative: negative, integerDigits: intEnd - start - (negative ? 1 : 0),
                          fractionDigits: fracDigits, hasExponent: hasExponent)
    }

    mutating func bool(_ path: @autoclosure () -> String) throws(BallotBoxError) -> Bool {
        try ensure()
        let k = try kind(path())
        guard k == .bool else { throw BallotBoxError(path(), .wrongType("boolean")) }
        if try literal("true") { return true }
        if try literal("false") { return false }
        throw BallotBoxError(path(), .syntax("true or false"))
    }

    mutating func literal(_ word: StaticString) throws(BallotBoxError) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= end else { return false }
        let w = word.utf8Start
        for k in 0 ..< n where base[pos + k] != w[k] { return false }
        pos += n
        return true
    }

    /// Skips any value, checking its syntax, without recursion (depth-limited).
    mutating func skipValue(_ path: @autoclosure () -> String) throws(BallotBoxError) {
        var stack: [Bool] = []  // true = object
        var expectValue = true
        repeat {
            if expectValue {
                let k = try kind(path())
                switch k {
                case .object:
                    pos += 1
                    stack.append(true)
                    if stack.count > Self.maxDepth { throw BallotBoxError(path(), .tooDeep(Self.maxDepth)) }
                    if try peek() == UInt8(ascii: "}") { pos += 1; stack.removeLast(); expectValue = false; break }
                    _ = try string(path())
                    try expect(UInt8(ascii: ":"), "“:”", path())
                    continue
                case .array:
                    pos += 1
                    stack.append(false)
                    if stack.count > Self.maxDepth { throw BallotBoxError(path(), .tooDeep(Self.maxDepth)) }
                    if try peek() == UInt8(ascii: "]") { pos += 1; stack.removeLast(); expectValue = false; break }
                    continue
                case .string: _ = try string(path())
                case .number: _ = try number(path())
                case .bool: _ = try bool(path())
                case .null:
                    try ensure()
                    guard try literal("null") else { throw BallotBoxError(path(), .syntax("null")) }
                }
                expectValue = false
            }
            guard let top = stack.last else { return }
            guard let c = try peek() else { throw BallotBoxError(path(), .unexpectedEnd) }
            if c == UInt8(ascii: ",") {
                pos += 1
                if top {
                    guard try peek() == UInt8(ascii: "\"") else { throw BallotBoxError(path(), .syntax("a key in quotes")) }
                    _ = try string(path())
                    try expect(UInt8(ascii: ":"), "“:”", path())
                }
                expectValue = true
            } else if c == (top ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                pos += 1
                stack.removeLast()
            } else {
                throw BallotBoxError(path(), .syntax(top ? "“,” or “}”" : "“,” or “]”"))
            }
        } while !stack.isEmpty || expectValue
    }

    /// After the document: only whitespace may follow.
    mutating func finish() throws(BallotBoxError) {
        if try peek() != nil { throw BallotBoxError("$", .trailingData) }
    }
}

/// A JSON number's text with what the grammar saw.
struct JSONNumber {
    var text: String
    var negative: Bool
    var integerDigits: Int
    var fractionDigits: Int
    var hasExponent: Bool

    var double: Double? {
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }

    /// The exact integer value, if the text is an integer (no fraction part, no exponent).
    var int64: Int64? {
        guard fractionDigits == 0, !hasExponent else { return nil }
        return Int64(text)
    }
}
