@preconcurrency import Crypto
import _CryptoExtras
import Foundation
import SelectionCore
import Synchronization

/// Sealed ballots (BAL-9 secrecy against whoever reads the database).
///
/// - Each session has an X25519 key pair made at creation. Its public half is stored; its private half is
///   split by `SecretSharing` among the session's custodians and then forgotten. Each share is sealed (HPKE)
///   to its custodian's own X25519 key, whose private half is stored only encrypted under a key derived from
///   that custodian's password with scrypt (memory-hard). So neither the database, nor the instance key file,
///   nor both together, open a ballot; `threshold` custodians typing their passwords do.
/// - Casting: each server process opens one HPKE context per session (`SealContext`) and keeps the derived
///   AES-256-GCM key in memory only; its encapsulated key is stored next to the ballots. Every ballot is padded
///   to the session's fixed length (`BallotPadding`) and sealed with a fresh random nonce.
/// - Closing: the recovered private key re-derives each context's key, the ballots are opened, shuffled and
///   written as the plaintext box in one transaction; the sealed rows, contexts, codes and shares are deleted.
enum BallotSeal {
    static let suite = HPKE.Ciphersuite(kem: .Curve25519_HKDF_SHA256, kdf: .HKDF_SHA256, aead: .AES_GCM_256)
    static let exportLabel = Data("xuanren sealed ballots v1".utf8)

    static func info(session: UUID) -> Data { Data("xuanren ballot session \(session.uuidString)".utf8) }
    static func shareInfo(session: UUID, custodian: String) -> Data { Data("xuanren key share \(session.uuidString) \(custodian)".utf8) }

    /// A per-process sealing context of one session: the stored encapsulated key and the in-memory AES key.
    struct Context: Sendable {
        var id: UUID
        var encapsulated: Data
        var key: SymmetricKey
    }

    static func newContext(session: UUID, publicKey: Curve25519.KeyAgreement.PublicKey) throws -> Context {
        let sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: suite, info: info(session: session))
        let key = try sender.exportSecret(context: exportLabel, outputByteCount: 32)
        return Context(id: UUID(), encapsulated: sender.encapsulatedKey, key: key)
    }

    static func contextKey(session: UUID, encapsulated: Data, privateKey: Curve25519.KeyAgreement.PrivateKey) throws -> SymmetricKey {
        let recipient = try HPKE.Recipient(privateKey: privateKey, ciphersuite: suite, info: info(session: session), encapsulatedKey: encapsulated)
        return try recipient.exportSecret(context: exportLabel, outputByteCount: 32)
    }

    /// `context id (16) ‖ nonce (12) ‖ ciphertext ‖ tag (16) ‖ mac (32)`, base64. The session id is authenticated, and
    /// the whole is MACed with a key derived from the instance key (`macKey`), which lives in a file apart from the
    /// database: anyone can seal to the session's public key, but only this server can add a ballot that will open.
    static func seal(_ padded: [UInt8], context: Context, session: UUID, macKey: SymmetricKey) throws -> String {
        let box = try AES.GCM.seal(padded, using: context.key, authenticating: Data(session.uuidString.utf8))
        var out = Data(withUnsafeBytes(of: context.id.uuid) { Array($0) })
        out.append(contentsOf: box.nonce)
        out.append(box.ciphertext)
        out.append(box.tag)
        out.append(contentsOf: HMAC<SHA256>.authenticationCode(for: out, using: macKey))
        return out.base64EncodedString()
    }

    /// The key that MACs a session's sealed ballots, derived from the instance's signing key.
    static func macKey(instance: InstanceKey, session: UUID) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: instance.privateKey.rawRepresentation),
                               salt: Data(session.uuidString.utf8), info: Data("xuanren sealed ballot mac".utf8), outputByteCount: 32)
    }

    /// The context id a sealed ballot was made with.
    static func contextID(of sealed: Data) -> UUID? {
        guard sealed.count > 16 + 12 + 16 + 32 else { return nil }
        let b = Array(sealed.prefix(16))
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    /// Nil when the MAC does not match (a ballot this server did not seal) or the ciphertext does not open.
    static func open(_ sealed: Data, key: SymmetricKey, session: UUID, macKey: SymmetricKey) -> [UInt8]? {
        guard sealed.count > 16 + 12 + 16 + 32 else { return nil }
        let body = sealed.dropLast(32)
        guard HMAC<SHA256>.isValidAuthenticationCode(sealed.suffix(32), authenticating: body, using: macKey) else { return nil }
        let rest = body.dropFirst(16)
        guard let box = try? AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: rest.prefix(12)), ciphertext: rest.dropFirst(12).dropLast(16), tag: rest.suffix(16)),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Data(session.uuidString.utf8)) else { return nil }
        return Array(plain)
    }

    // MARK: - custodians

    /// scrypt cost: N = 2^15, r = 8 (32 MiB, about 0.1 s). Tests lower it through `Store.custodianKDFRounds`.
    static let defaultRounds = 1 << 15

    /// A custodian's X25519 private key encrypted under a key derived from their password:
    /// `v1$rounds$salt$sealed` (base64 parts).
    static func wrap(_ key: Curve25519.KeyAgreement.PrivateKey, password: String, rounds: Int) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0 ... 255, using: &rng) }
        let kek = try KDF.Scrypt.deriveKey(from: Data(password.utf8), salt: salt, outputByteCount: 32, rounds: rounds, blockSize: 8, parallelism: 1)
        let sealed = try AES.GCM.seal(key.rawRepresentation, using: kek, authenticating: Data("xuanren custodian key".utf8)).combined!
        return ["v1", String(rounds), Data(salt).base64EncodedString(), sealed.base64EncodedString()].joined(separator: "$")
    }

    /// Nil when the password does not open the wrapped key.
    static func unwrap(_ wrapped: String, password: String) throws -> Curve25519.KeyAgreement.PrivateKey? {
        let parts = wrapped.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "v1", let rounds = Int(parts[1]), let salt = Data(base64Encoded: parts[2]),
              let sealed = Data(base64Encoded: parts[3]) else { return nil }
        let kek = try KDF.Scrypt.deriveKey(from: Data(password.utf8), salt: salt, outputByteCount: 32, rounds: rounds, blockSize: 8, parallelism: 1)
        guard let raw = try? AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: kek, authenticating: Data("xuanren custodian key".utf8)) else { return nil }
        return try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw)
    }

    /// A share sealed (HPKE, base mode) to one custodian's public key: `encapsulated key (32) ‖ ciphertext`, base64.
    static func sealShare(_ share: SecretSharing.Share, to publicKey: Curve25519.KeyAgreement.PublicKey, session: UUID, custodian: String) throws -> String {
        var sender = try HPKE.Sender(recipientKey: publicKey, ciphersuite: suite, info: shareInfo(session: session, custodian: custodian))
        var out = sender.encapsulatedKey
        out.append(try sender.seal(share.encoded))
        return out.base64EncodedString()
    }

    static func openShare(_ sealed: String, with key: Curve25519.KeyAgreement.PrivateKey, session: UUID, custodian: String) throws -> SecretSharing.Share? {
        guard let data = Data(base64Encoded: sealed), data.count > 32 else { return nil }
        var recipient = try HPKE.Recipient(privateKey: key, ciphersuite: suite, info: shareInfo(session: session, custodian: custodian),
                                           encapsulatedKey: data.prefix(32))
        guard let plain = try? recipient.open(data.dropFirst(32)) else { return nil }
        return SecretSharing.Share(encoded: Array(plain))
    }
}

/// The sealing contexts this process has opened, by session (keys in memory only; a restart makes new ones).
final class SealContexts: Sendable {
    private struct Entry { var context: BallotSeal.Context; var persisted: Bool }
    private let entries = Mutex<[UUID: Entry]>([:])

    func context(for session: UUID, publicKey: Curve25519.KeyAgreement.PublicKey) throws -> (BallotSeal.Context, persisted: Bool) {
        if let e = entries.withLock({ $0[session] }) { return (e.context, e.persisted) }
        let c = try BallotSeal.newContext(session: session, publicKey: publicKey)
        return entries.withLock { all in
            if let e = all[session] { return (e.context, e.persisted) }
            all[session] = Entry(context: c, persisted: false)
            return (c, false)
        }
    }

    /// After the transaction that stored the context's row committed.
    func markPersisted(_ session: UUID, id: UUID) {
        entries.withLock { if $0[session]?.context.id == id { $0[session]?.persisted = true } }
    }

    func forget(_ session: UUID) { entries.withLock { $0[session] = nil } }
}
