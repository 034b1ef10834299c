import Foundation
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// An IP address or a CIDR range (`127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`): who may read `/metrics`
/// without signing in (`--metrics-from`).
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    /// The network's bytes (4 for IPv4, 16 for IPv6) and how many leading bits count.
    let bytes: [UInt8]
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let address = Self.parse(parts[0]) else { return nil }
        let bits = address.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0 ... bits).contains(p), parts[1].allSatisfy(\.isASCII) else { return nil }
            prefix = p
        }
        self.bytes = address
        self.prefix = prefix
    }

    public var description: String {
        let text = bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : Self.format6(bytes)
        return prefix == bytes.count * 8 ? text : "\(text)/\(prefix)"
    }

    /// Whether `address` (4 or 16 bytes; an IPv4-mapped IPv6 address counts as IPv4) is in the range.
    public func contains(_ address: [UInt8]) -> Bool {
        var a = address
        if a.count == 16, a[0 ..< 10].allSatisfy({ $0 == 0 }), a[10] == 0xFF, a[11] == 0xFF { a = Array(a[12...]) }
        guard a.count == bytes.count else { return false }
        var left = prefix
        for i in 0 ..< a.count where left > 0 {
            let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
            if a[i] & mask != bytes[i] & mask { return false }
            left -= 8
        }
        return true
    }

    public func contains(_ address: SocketAddress?) -> Bool {
        guard let text = address?.ipAddress, let a = Self.parse(text) else { return false }
        return contains(a)
    }

    /// A comma-separated list (`127.0.0.1,10.0.0.0/8`); empty text is an empty list. A bad entry is named.
    public static func list(_ text: String) throws -> [AddressRange] {
        try text.split(separator: ",").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map {
            guard let r = AddressRange($0) else { throw ConfigurationErrorWeb("--metrics-from / XUANREN_METRICS_FROM: “\($0)” is not an IP address or CIDR range") }
            return r
        }
    }

    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    static func format6(_ b: [UInt8]) -> String {
        var a = in6_addr()
        withUnsafeMutableBytes(of: &a) { $0.copyBytes(from: b) }
        var buf = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &a, &buf, socklen_t(buf.count)) != nil else { return "?" }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
