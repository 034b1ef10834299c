/// Shamir's secret sharing over GF(2⁸) (the AES field, x⁸ + x⁴ + x³ + x + 1), byte by byte.
///
/// A ballot session's private key is split among its custodians (监票人) when the session is created:
/// any `threshold` of the `count` shares give the key back; fewer give no information about it (each byte
/// is the constant term of a random polynomial of degree `threshold − 1`). The key itself is never stored.
public enum SecretSharing {
    public struct Share: Sendable, Equatable {
        /// The x coordinate, 1…255 (never 0, which is where the secret sits).
        public var index: UInt8
        public var bytes: [UInt8]
        public init(index: UInt8, bytes: [UInt8]) { self.index = index; self.bytes = bytes }

        /// `index` followed by the bytes: how a share is sealed for its custodian.
        public var encoded: [UInt8] { [index] + bytes }
        public init?(encoded: [UInt8]) {
            guard let first = encoded.first, first != 0, encoded.count > 1 else { return nil }
            index = first; bytes = Array(encoded.dropFirst())
        }
    }

    public enum SharingError: Error, Equatable, Sendable {
        case badThreshold(threshold: Int, count: Int)
        case notEnoughShares(needed: Int, given: Int)
        case inconsistentShares
    }

    /// Splits `secret` into `count` shares, any `threshold` of which recover it (1 ≤ threshold ≤ count ≤ 255).
    public static func split<R: RandomNumberGenerator>(_ secret: [UInt8], threshold: Int, count: Int, using rng: inout R) throws(SharingError) -> [Share] {
        guard threshold >= 1, count >= threshold, count <= 255 else { throw .badThreshold(threshold: threshold, count: count) }
        var shares = (1 ... count).map { Share(index: UInt8($0), bytes: []) }
        var coefficients = [UInt8](repeating: 0, count: threshold)
        for byte in secret {
            coefficients[0] = byte
            for i in 1 ..< threshold { coefficients[i] = UInt8.random(in: 0 ... 255, using: &rng) }
            for s in shares.indices { shares[s].bytes.append(evaluate(coefficients, at: shares[s].index)) }
        }
        for i in coefficients.indices { coefficients[i] = 0 }
        return shares
    }

    /// Recovers the secret from at least `threshold` distinct shares (Lagrange interpolation at 0).
    /// With fewer than the threshold the result is a different value, not an error: the caller checks the
    /// recovered key against its public half.
    public static func combine(_ shares: [Share], threshold: Int) throws(SharingError) -> [UInt8] {
        var seen = Set<UInt8>(), distinct: [Share] = []
        for s in shares where s.index != 0 && seen.insert(s.index).inserted { distinct.append(s) }
        guard distinct.count >= max(1, threshold) else { throw .notEnoughShares(needed: threshold, given: distinct.count) }
        let used = Array(distinct.prefix(threshold))
        let length = used[0].bytes.count
        guard used.allSatisfy({ $0.bytes.count == length }) else { throw .inconsistentShares }
        // Lagrange basis at x = 0: l_j = Π_{m≠j} x_m / (x_m − x_j); subtraction is xor in GF(2⁸)
        let basis: [UInt8] = used.indices.map { j in
            var num: UInt8 = 1, den: UInt8 = 1
            for m in used.indices where m != j {
                num = GF256.mul(num, used[m].index)
                den = GF256.mul(den, used[m].index ^ used[j].index)
            }
            return GF256.mul(num, GF256.inverse(den))
        }
        return (0 ..< length).map { k in
            used.indices.reduce(UInt8(0)) { $0 ^ GF256.mul(basis[$1], used[$1].bytes[k]) }
        }
    }

    static func evaluate(_ coefficients: [UInt8], at x: UInt8) -> UInt8 {
        // Horner's rule
        coefficients.reversed().reduce(UInt8(0)) { GF256.mul($0, x) ^ $1 }
    }
}

/// Arithmetic in GF(2⁸) with the AES reduction polynomial, without tables or branches on secret data.
enum GF256 {
    static func mul(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a, b = b, p: UInt8 = 0
        for _ in 0 ..< 8 {
            p ^= a & (0 &- (b & 1))                 // add a when the low bit of b is set
            let carry = 0 &- (a >> 7)               // 0xFF when the high bit of a is set
            a = (a << 1) ^ (0x1B & carry)
            b >>= 1
        }
        return p
    }

    /// a⁻¹ = a²⁵⁴ (0 maps to 0).
    static func inverse(_ a: UInt8) -> UInt8 {
        var result: UInt8 = 1, base = a, e = 254
        while e > 0 {
            if e & 1 == 1 { result = mul(result, base) }
            base = mul(base, base)
            e >>= 1
        }
        return result
    }
}
