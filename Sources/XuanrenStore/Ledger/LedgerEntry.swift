@preconcurrency import Crypto
import Foundation

/// One ledger entry as a value. The hashed bytes are
/// `prevHash "\n" seq "\n" at "\n" actor "\n" action "\n" subjectType "\n" subjectID "\n" payload`
/// and `hash = hex(SHA-256(those bytes))` (LED-2). Identifier fields never contain a line break
/// (checked on append), and `payload` is canonical JSON (sorted keys, no raw line breaks), so the
/// framing is unambiguous.
public struct LedgerEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var subjectType: String
    public var subjectID: String
    public var payload: String
    public var prevHash: String
    public var hash: String

    public init(seq: Int64, at: String, actor: String, action: String, subjectType: String, subjectID: String,
                payload: String, prevHash: String, hash: String) {
        self.seq = seq; self.at = at; self.actor = actor; self.action = action; self.subjectType = subjectType
        self.subjectID = subjectID; self.payload = payload; self.prevHash = prevHash; self.hash = hash
    }

    public static let genesisHash = String(repeating: "0", count: 64)

    /// The bytes after `prevHash "\n"` that the hash covers.
    public var body: String {
        "\(seq)\n\(at)\n\(actor)\n\(action)\n\(subjectType)\n\(subjectID)\n\(payload)"
    }

    public static func computeHash(prevHash: String, body: String) -> String {
        var h = SHA256()
        h.update(data: Array(prevHash.utf8))
        h.update(data: [0x0A])
        h.update(data: Array(body.utf8))
        return Hex.encode(h.finalize())
    }
}

/// The head of the ledger at `seq`, signed with an instance's Ed25519 key.
public struct Checkpoint: Sendable, Equatable, Codable {
    public var seq: Int64
    public var headHash: String
    public var signedAt: String
    public var publicKey: String
    public var signature: String

    public static let format = "xuanren.checkpoint/1"

    public static func message(seq: Int64, headHash: String, signedAt: String) -> Data {
        Data("\(format)\n\(seq)\n\(headHash)\n\(signedAt)".utf8)
    }

    public var message: Data { Self.message(seq: seq, headHash: headHash, signedAt: signedAt) }

    public func signatureIsValid() -> Bool {
        guard let pk = Hex.decode(publicKey), let sig = Hex.decode(signature),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: pk) else { return false }
        return key.isValidSignature(sig, for: message)
    }

    /// The downloadable JSON form.
    public func json() -> String {
        let obj: [String: Any] = ["format": Self.format, "seq": seq, "headHash": headHash, "signedAt": signedAt,
                                  "publicKey": publicKey, "signature": signature]
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public enum ParseError: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String { if case .invalid(let s) = self { return s }; return "" }
    }

    public static func parse(json data: Data) throws -> Checkpoint {
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ParseError.invalid("checkpoint file is not a JSON object")
        }
        guard obj["format"] as? String == format else { throw ParseError.invalid("checkpoint file: $.format must be \"\(format)\"") }
        guard let seq = (obj["seq"] as? NSNumber)?.int64Value else { throw ParseError.invalid("checkpoint file: $.seq missing") }
        func str(_ k: String) throws -> String {
            guard let v = obj[k] as? String else { throw ParseError.invalid("checkpoint file: $.\(k) missing") }
            return v
        }
        return Checkpoint(seq: seq, headHash: try str("headHash"), signedAt: try str("signedAt"),
                          publicKey: try str("publicKey"), signature: try str("signature"))
    }
}

public enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    public static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0 else { return nil }
        var out = [UInt8](); out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo); i += 2
        }
        return out
    }

    @inline(__always) static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }
}

public enum Digest {
    /// Hex SHA-256 of some bytes (ballot boxes, templates).
    public static func sha256Hex(_ text: String) -> String { Hex.encode(SHA256.hash(data: Data(text.utf8))) }
}
