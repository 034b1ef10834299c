/// The fast path of the applicant reader: one applicant read straight from the scanner's window with raw pointers,
/// for the shape nearly every sheet has — keys and values without escapes, `id`, `name` and `scores` only, single
/// scores and plain judge scores as JSON numbers with at most 4 places. It never reports an error: on anything else
/// (an escape, an `excluded` or unknown key, a string score, `"absent"`, element scores, a duplicate, the end of the
/// window, bad JSON …) it takes back what it appended and returns false, and the general reader reads the applicant
/// again from the same place, with its own checks and messages. So it only decides how fast, never what is accepted.
extension ScoreSheetReader {
    /// A key of at most 16 bytes packed in two words, and its interned id; one per position in an object, so that
    /// the keys of the previous applicant (the same stages, mostly the same judges) are found with two compares.
    struct KeyCache {
        var lo: UInt64 = 0, hi: UInt64 = 0, maskLo: UInt64 = 0, maskHi: UInt64 = 0, length = -1, id: Int32 = -1
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// Reads the applicant at the scanner's position (the `{` already peeked) if it has the common shape.
    mutating func fastApplicant() -> Bool {
        let b = sc.base
        let end = sc.end
        let limit = sc.tokenLimit
        var p = sc.pos
        let entries = table.entryKey.count, judges = table.judgeKey.count
        guard p < end, b[p] == UInt8(ascii: "{") else { return false }
        p += 1
        Self.skipSpace(b, end, &p)
        var id: UnsafeRawBufferPointer?, name: UnsafeRawBufferPointer?
        var haveScores = false
        var ok = p < end && b[p] != UInt8(ascii: "}")
        while ok {
            guard let (ks, kn) = Self.key(b, end, limit, &p) else { ok = false; break }
            if kn == 2 && b[ks] == UInt8(ascii: "i") && b[ks + 1] == UInt8(ascii: "d") {
                guard id == nil, let s = Self.plainString(b, end, limit, &p) else { ok = false; break }
                id = s
            } else if kn == 4 && memcmpEqual(b + ks, "name", 4) {
                guard name == nil, let s = Self.plainString(b, end, limit, &p) else { ok = false; break }
                name = s
            } else if kn == 6 && memcmpEqual(b + ks, "scores", 6) {
                guard !haveScores, fastScores(b, end, &p) else { ok = false; break }
                haveScores = true
            } else {
                ok = false; break
            }
            // `,` and the next key, or the closing `}`
            Self.skipSpace(b, end, &p)
            guard p < end else { ok = false; break }
            let c = b[p]
            p += 1
            if c == UInt8(ascii: "}") { break }
            guard c == UInt8(ascii: ",") else { ok = false; break }
            Self.skipSpace(b, end, &p)
        }
        guard ok, let id, let name, haveScores, id.count > 0, registerID(id) else {
            table.truncate(entries: entries, judges: judges)
            return false
        }
        table.ids.append(String(decoding: id, as: UTF8.self))
        table.names.append(String(decoding: name, as: UTF8.self))
        table.excluded.append(nil)
        table.entryStart.append(Int32(table.entryKey.count))
        sc.pos = p
        return true
    }

    @inline(__always) static func skipSpace(_ b: UnsafeMutablePointer<UInt8>, _ end: Int, _ p: inout Int) {
        while p < end && isSpace(b[p]) { p += 1 }
    }

    /// A plain string's bytes (the opening quote at `p`); nil for an escape, a control character, invalid UTF-8, the
    /// end of the window or a string as long as the scanner's token limit.
    @inline(__always)
    static func plainString(_ b: UnsafeMutablePointer<UInt8>, _ end: Int, _ limit: Int, _ p: inout Int) -> UnsafeRawBufferPointer? {
        guard p < end, b[p] == UInt8(ascii: "\"") else { return nil }
        let start = p + 1
        var i = start
        let e = min(end, start + limit - 1)
        var ascii = true
        while true {
            guard i < e else { return nil }
            let c = b[i]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        if !ascii && !validUTF8(b + start, i - start) { return nil }
        p = i + 1
        return UnsafeRawBufferPointer(start: b + start, count: i - start)
    }

    /// `"key"` then `:`, the key ASCII without escapes; where it starts and its length.
    @inline(__always)
    static func key(_ b: UnsafeMutablePointer<UInt8>, _ end: Int, _ limit: Int, _ p: inout Int) -> (Int, Int)? {
        guard p < end, b[p] == UInt8(ascii: "\"") else { return nil }
        let start = p + 1
        var i = start
        let e = min(end, start + limit - 1)
        while true {
            guard i < e else { return nil }
            let c = b[i]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { return nil }
            i += 1
        }
        p = i + 1
        skipSpace(b, end, &p)
        guard p < end, b[p] == UInt8(ascii: ":") else { return nil }
        p += 1
        skipSpace(b, end, &p)
        return (start, i - start)
    }

    /// An applicant's `scores` object at `p`: single scores and panels of plain judge scores. False for anything
    /// else (the caller takes back what was appended).
    @inline(__always)
    mutating func fastScores(_ b: UnsafeMutablePointer<UInt8>, _ end: Int, _ p: inout Int) -> Bool {
        guard p < end, b[p] == UInt8(ascii: "{") else { return false }
        p += 1
        Self.skipSpace(b, end, &p)
        if p < end && b[p] == UInt8(ascii: "}") { p += 1; return true }
        var stagesSeen: UInt64 = 0
        var slot = 0
        while true {
            guard let k = Self.internKey(b, end, sc.tokenLimit, &p, &stageCache, slot, &stageKeys), k < 64 else { return false }
            slot += 1
            if stagesSeen & (1 << UInt64(k)) != 0 { return false }
            stagesSeen |= 1 << UInt64(k)
            guard p < end else { return false }
            let c = b[p]
            if c == UInt8(ascii: "{") {
                p += 1
                Self.skipSpace(b, end, &p)
                let judgesStart = table.judgeKey.count
                // a panel's judges (distinct keys under 64, so at most 64) gathered here, appended at once
                var judgeCount = 0
                var judgesSeen: UInt64 = 0
                var jslot = 0
                if p < end && b[p] == UInt8(ascii: "}") { p += 1 } else {
                    while true {
                        guard let j = Self.internKey(b, end, sc.tokenLimit, &p, &judgeCache, jslot, &judgeKeys), j < 64 else { return false }
                        jslot += 1
                        if judgesSeen & (1 << UInt64(j)) != 0 { return false }
                        judgesSeen |= 1 << UInt64(j)
                        guard let v = Self.fastNumber(b, end, &p) else { return false }
                        panelKeys[judgeCount] = j; panelValues[judgeCount] = v
                        judgeCount += 1
                        Self.skipSpace(b, end, &p)
                        guard p < end else { return false }
                        let d = b[p]
                        p += 1
                        if d == UInt8(ascii: "}") { break }
                        guard d == UInt8(ascii: ",") else { return false }
                        Self.skipSpace(b, end, &p)
                    }
                    table.judgeKey.append(contentsOf: UnsafeBufferPointer(start: panelKeys, count: judgeCount))
                    table.judgeValue.append(contentsOf: UnsafeBufferPointer(start: panelValues, count: judgeCount))
                    table.judgesArePlain(judgeCount)
                }
                table.entryKey.append(k); table.entryKind.append(ScoreTable.Kind.panel.rawValue)
                table.entryValue.append(Int64(judgesStart)); table.entryCount.append(Int32(table.judgeKey.count - judgesStart))
            } else {
                guard let v = Self.fastNumber(b, end, &p) else { return false }
                table.entryKey.append(k); table.entryKind.append(ScoreTable.Kind.score.rawValue)
                table.entryValue.append(v); table.entryCount.append(0)
            }
            Self.skipSpace(b, end, &p)
            guard p < end else { return false }
            let d = b[p]
            p += 1
            if d == UInt8(ascii: "}") { return true }
            guard d == UInt8(ascii: ",") else { return false }
            Self.skipSpace(b, end, &p)
        }
    }

    /// `"key":` at `p` (ASCII, no escapes), interned in `keys`: first against `cache[slot]`, the key at the same
    /// place in the previous object.
    @inline(__always)
    static func internKey(_ b: UnsafeMutablePointer<UInt8>, _ end: Int, _ limit: Int, _ p: inout Int, _ cache: inout [KeyCache],
                          _ slot: Int, _ keys: inout IDTable) -> Int32? {
        guard p < end, b[p] == UInt8(ascii: "\"") else { return nil }
        let start = p + 1
        // the key at this place last time, if these bytes are it and its closing quote follows
        if slot < cache.count && start + 16 < end {
            let c = cache[slot]
            if b[start + c.length] == UInt8(ascii: "\"") {
                let w0 = UInt64(littleEndian: UnsafeRawPointer(b + start).loadUnaligned(as: UInt64.self))
                let w1 = UInt64(littleEndian: UnsafeRawPointer(b + start).loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                if w0 & c.maskLo == c.lo && w1 & c.maskHi == c.hi {
                    p = start + c.length + 1
                    while p < end && Self.isSpace(b[p]) { p += 1 }
                    guard p < end, b[p] == UInt8(ascii: ":") else { return nil }
                    p += 1
                    while p < end && Self.isSpace(b[p]) { p += 1 }
                    return c.id
                }
            }
        }
        var i = start
        let e = min(end, start + limit - 1)
        while true {
            guard i < e else { return nil }
            let c = b[i]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { return nil }
            i += 1
        }
        let n = i - start
        p = i + 1
        while p < end && Self.isSpace(b[p]) { p += 1 }
        guard p < end, b[p] == UInt8(ascii: ":") else { return nil }
        p += 1
        while p < end && Self.isSpace(b[p]) { p += 1 }
        let bytes = UnsafeRawBufferPointer(start: b + start, count: n)
        guard n <= 16 else { return Int32(keys.find(bytes) ?? keys.insert(bytes)) }
        var lo: UInt64 = 0, hi: UInt64 = 0
        if start + 16 <= end {
            let w0 = UInt64(littleEndian: UnsafeRawPointer(b + start).loadUnaligned(as: UInt64.self))
            let w1 = UInt64(littleEndian: UnsafeRawPointer(b + start).loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if n >= 8 { lo = w0; hi = n == 16 ? w1 : w1 & ((1 << UInt64(8 * (n - 8))) - 1) }
            else { lo = w0 & ((1 << UInt64(8 * n)) - 1) }
        } else {
            for x in 0 ..< min(n, 8) { lo |= UInt64(b[start + x]) << UInt64(8 * x) }
            if n > 8 { for x in 8 ..< n { hi |= UInt64(b[start + x]) << UInt64(8 * (x - 8)) } }
        }
        let id = Int32(keys.find(bytes) ?? keys.insert(bytes))
        let maskLo: UInt64 = n >= 8 ? ~0 : (1 << UInt64(8 * n)) - 1
        let maskHi: UInt64 = n <= 8 ? 0 : n == 16 ? ~0 : (1 << UInt64(8 * (n - 8))) - 1
        let entry = KeyCache(lo: lo, hi: hi, maskLo: maskLo, maskHi: maskHi, length: n, id: id)
        if slot < cache.count { cache[slot] = entry } else if slot == cache.count && slot < 64 { cache.append(entry) }
        return id
    }

    /// A plain JSON number at `p` (`0|[1-9][0-9]*` then `.` and digits, no sign, no exponent, at most 14 integer
    /// digits, places after the fourth only zeros) in units of 10⁻⁴; nil for anything else.
    @inline(__always)
    static func fastNumber(_ b: UnsafeMutablePointer<UInt8>, _ end: Int, _ p: inout Int) -> Int64? {
        var i = p
        guard i < end else { return nil }
        var c = b[i]
        var v: Int64 = 0
        if c == UInt8(ascii: "0") {
            i += 1
        } else if c >= 0x31 && c <= 0x39 {
            let start = i
            repeat { v = v &* 10 &+ Int64(c &- 0x30); i += 1; guard i < end else { return nil }; c = b[i] } while c >= 0x30 && c <= 0x39
            if i - start > 14 { return nil }
        } else {
            return nil
        }
        v = v &* 10_000
        guard i < end else { return nil }
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var places = 0
            var f: Int64 = 0
            while i < end {
                c = b[i]
                guard c >= 0x30 && c <= 0x39 else { break }
                if places < 4 { f = f &* 10 &+ Int64(c &- 0x30) } else if c != 0x30 { return nil }
                places += 1
                i += 1
            }
            if places == 0 { return nil }
            var k = places
            while k < 4 { f = f &* 10; k += 1 }
            v = v &+ f
        }
        // the general reader takes a number up to the first byte that cannot be in one
        guard i < end else { return nil }
        c = b[i]
        if (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
            || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { return nil }
        p = i
        return v
    }

    /// UTF-8 as the scanner accepts it: no overlong forms, no surrogates, nothing above U+10FFFF.
    static func validUTF8(_ b: UnsafeMutablePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            var cp: UInt32
            let minCP: UInt32
            if c & 0xE0 == 0xC0 { len = 2; cp = UInt32(c & 0x1F); minCP = 0x80 }
            else if c & 0xF0 == 0xE0 { len = 3; cp = UInt32(c & 0x0F); minCP = 0x800 }
            else if c & 0xF8 == 0xF0 { len = 4; cp = UInt32(c & 0x07); minCP = 0x10000 }
            else { return false }
            guard i + len <= n else { return false }
            for k in 1 ..< len {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return false }
                cp = cp << 6 | UInt32(cc & 0x3F)
            }
            guard cp >= minCP, cp <= 0x10FFFF, !(cp >= 0xD800 && cp < 0xE000) else { return false }
            i += len
        }
        return true
    }

    /// Whether an applicant id is new, and records it. While the ids come in ascending byte order (as exported
    /// sheets have them) comparing with the previous one is enough; from the first that does not, every id so far
    /// goes into the hash table.
    mutating func registerID(_ id: UnsafeRawBufferPointer) -> Bool {
        if idsAscending {
            if lastID.withUnsafeBytes({ Self.bytesLess($0, id) }) {
                lastID.removeAll(keepingCapacity: true)
                lastID.append(contentsOf: id)
                return true
            }
            if speculative { return false }
            // out of order: from now on, a hash table of every id
            idsAscending = false
            for s in table.ids {
                var s = s
                _ = s.withUTF8 { applicantIDs.insert(UnsafeRawBufferPointer($0)) }
            }
        }
        if applicantIDs.find(id) != nil { return false }
        applicantIDs.insert(id)
        return true
    }

    /// Byte order (which is code point order for UTF-8).
    @inline(__always) static func bytesLess(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            if a[i] != b[i] { return a[i] < b[i] }
            i += 1
        }
        return a.count < b.count
    }
}
