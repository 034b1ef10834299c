import Foundation
import Synchronization
import SelectionCore
import Vapor

/// The one-time tokens of the public report form seen today (CAS-1): a form posted twice — a refresh of the receipt
/// page — is refused rather than filed again. In memory only, forgotten each day; a token is random and says nothing
/// of the reporter.
final class ReportOnce: Sendable {
    private let seen = Mutex<(day: Int, tokens: Set<String>)>((-1, []))

    /// False when `token` was already used today.
    func take(_ token: String, day: CivilDay) -> Bool {
        let t = String(token.prefix(64))
        return seen.withLock { s in
            if s.day != day.daysSinceEpoch { s = (day.daysSinceEpoch, []) }
            return s.tokens.insert(t).inserted
        }
    }
}

struct ReportOnceKey: StorageKey { typealias Value = ReportOnce }

extension Application {
    /// Set once when the app is configured (`XuanrenApp.configure`), read by every request.
    var reportOnce: ReportOnce { storage[ReportOnceKey.self]! }
}
