import SelectionCore
import Vapor

/// The full-process record: its public page, the latest checkpoint and every checkpoint as a feed (public, so
/// that others can keep copies, LED-2); the entries and signing on demand for supervisors and administrators.
enum LedgerRoute: SiteRoute {
    case overview
    case checkpoint
    case feed
    case entries
    case sign

    static let all: [LedgerRoute] = [.overview, .checkpoint, .feed, .entries, .sign]

    var method: HTTPMethod { self == .sign ? .POST : .GET }

    var parts: [PathPart] {
        switch self {
        case .overview: ["ledger"]
        case .checkpoint: ["ledger", "checkpoint.json"]
        case .feed: ["ledger", "checkpoints.atom"]
        case .entries: ["ledger", "entries"]
        case .sign: ["ledger", "checkpoint"]
        }
    }

    var access: Access {
        switch self {
        case .overview, .checkpoint, .feed: .everyone
        case .entries, .sign: .roles([.admin, .supervisor])
        }
    }
}
