@preconcurrency import Crypto
import Foundation

/// The instance's Ed25519 signing key, kept in a file outside the database (mode 0600).
public struct InstanceKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey
    public var publicKeyHex: String { Hex.encode(privateKey.publicKey.rawRepresentation) }

    public init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// A new random key (tests, or before a key file exists).
    public static func generate() -> InstanceKey { InstanceKey(privateKey: .init()) }

    public enum LoadError: Error, CustomStringConvertible {
        case cannotCreate(path: String, reason: String)
        case unreadable(path: String)
        case malformed(path: String)
        public var description: String {
            switch self {
            case .cannotCreate(let p, let r): "cannot create the signing key file \(p): \(r)"
            case .unreadable(let p): "cannot read the signing key file \(p)"
            case .malformed(let p): "the signing key file \(p) is not a hex Ed25519 private key"
            }
        }
    }

    /// Reads the key at `path`, or creates a new one there (mode 0600) when the file does not exist.
    public static func loadOrCreate(path: String) throws -> InstanceKey {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return try load(path: path) }
        let key = Curve25519.Signing.PrivateKey()
        let text = Hex.encode(key.rawRepresentation) + "\n"
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty && !fm.fileExists(atPath: dir) {
            throw LoadError.cannotCreate(path: path, reason: "folder \(dir) does not exist")
        }
        guard fm.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw LoadError.cannotCreate(path: path, reason: "permission denied or read-only location")
        }
        return InstanceKey(privateKey: key)
    }

    public static func load(path: String) throws -> InstanceKey {
        guard let data = FileManager.default.contents(atPath: path) else { throw LoadError.unreadable(path: path) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Hex.decode(text), raw.count == 32,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { throw LoadError.malformed(path: path) }
        return InstanceKey(privateKey: key)
    }

    public func sign(seq: Int64, headHash: String, signedAt: String) throws -> Checkpoint {
        let sig = try privateKey.signature(for: Checkpoint.message(seq: seq, headHash: headHash, signedAt: signedAt))
        return Checkpoint(seq: seq, headHash: headHash, signedAt: signedAt, publicKey: publicKeyHex, signature: Hex.encode(sig))
    }
}
