import Vapor

/// A flat URL-encoded form (`a=1&b=2`) read straight from the body: the voting pages' forms are flat, and
/// this is several times cheaper than the general `Codable` form decoder on the casting path.
enum FormBody {
    static func fields(_ req: Request) -> [String: String] {
        guard let body = req.body.string else { return [:] }
        return fields(body)
    }

    static func fields(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), !name.isEmpty else { continue }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if out[name] == nil, let value { out[name] = value }
        }
        return out
    }

    /// `+` is a space and `%XX` a byte; malformed escapes or bytes that are not UTF-8 make the field unreadable (nil).
    static func decode(_ bytes: Substring.UTF8View) -> String? {
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return String(Substring(bytes)) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%") {
                let h = bytes.index(after: i)
                guard h < bytes.endIndex, bytes.index(after: h) < bytes.endIndex,
                      let hi = hex(bytes[h]), let lo = hex(bytes[bytes.index(after: h)]) else { return nil }
                out.append(hi << 4 | lo)
                i = bytes.index(h, offsetBy: 2)
                continue
            } else {
                out.append(b)
            }
            i = bytes.index(after: i)
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
