@preconcurrency import Crypto
import Foundation
import Synchronization
import SelectionCore

/// CAS-2: the keys of reports, all derived from the instance key (a file outside the database): whoever reads the
/// database, its files or its backups reads neither a report's text nor a reporter's identity, and cannot test a
/// guessed receipt code.
struct ReportKeys: Sendable {
    let seal: SymmetricKey
    let receipt: SymmetricKey
    let digest: SymmetricKey
    let quota: SymmetricKey

    init(_ key: InstanceKey) {
        func derive(_ info: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: key.privateKey.rawRepresentation),
                                   salt: Data("xuanren reports".utf8), info: Data(info.utf8), outputByteCount: 32)
        }
        seal = derive("seal"); receipt = derive("receipt"); digest = derive("digest"); quota = derive("quota")
    }

    /// AES-GCM, bound to the case (a sealed text moved to another row does not open) and to what it holds.
    func seal(_ plain: Data, caseID: String, purpose: String) throws -> String {
        try AES.GCM.seal(plain, using: seal, authenticating: Data((caseID + "|" + purpose).utf8)).combined!.base64EncodedString()
    }

    func open(_ sealed: String, caseID: String, purpose: String) throws -> Data {
        guard let data = Data(base64Encoded: sealed) else { throw InvalidInput(field: "sealed", .unknownValue("base64")) }
        return try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: seal, authenticating: Data((caseID + "|" + purpose).utf8))
    }

    /// The receipt code's keyed hash (the code itself is never stored).
    func receiptHash(_ normalized: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(normalized.utf8), using: receipt))
    }

    /// LED-2 for public reports: a keyed digest of the stored case, listed in its batch's ledger entry (sorted, so the
    /// list does not give the order of arrival; keyed, so a reader of the database cannot match a row to its batch).
    func digest(caseID: String, sealedText: String, state: String) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: Data((caseID + "|" + sealedText + "|" + state).utf8), using: digest))
    }
}

/// CAS-1: the daily limit of reports per client of the public form, counted under a keyed hash of the client's
/// address whose key changes every day. Kept in memory only: no address, and no hash of one, is ever stored.
/// (With several server processes each counts its own clients.)
public final class ReportQuota: Sendable {
    private let state = Mutex<(day: Int, counts: [Data: Int])>((-1, [:]))

    public init() {}

    /// Takes one report for `client` on `day`; false when the client has reached `limit` today.
    func take(client: String, day: CivilDay, limit: Int, key: SymmetricKey) -> Bool {
        if limit <= 0 { return true }
        let dayKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("\(day)".utf8), using: key))
        let tag = Data(HMAC<SHA256>.authenticationCode(for: Data(client.utf8), using: dayKey))
        return state.withLock { s in
            if s.day != day.daysSinceEpoch { s = (day.daysSinceEpoch, [:]) }
            let n = s.counts[tag, default: 0]
            if n >= limit { return false }
            s.counts[tag] = n + 1
            return true
        }
    }
}

/// A refusal of the public form's daily limit.
public struct ReportLimitReached: UserFacingError, Equatable {
    public var limit: Int
    /// Receipt lookups rather than reports.
    public var lookups = false
    public var kind: ErrorKind { .locked }
    public func message(in l: Language) -> String {
        if lookups { return l == .zhHans ? "今天从此处查询已达\(limit)次的上限，请明天再查询" : "the limit of \(limit) lookups a day from here has been reached; try tomorrow" }
        return l == .zhHans ? "今天从此处提交的举报已达\(limit)件的上限，请明天再提交，或拨打举报电话、来信来访"
                     : "the limit of \(limit) reports a day from here has been reached; try tomorrow, or report by phone, letter or visit"
    }
}
