import Foundation
import SelectionCore
import Vapor

/// The public 12380-style channel (CAS-1, CAS-2, CAS-6): the report form, the receipt lookup and the published
/// typical cases. No account, no session, no cookie: nothing ties a report to a browser.
enum ReportRoute: SiteRoute {
    case form, submit, follow, lookup, typical

    static let all: [ReportRoute] = [.form, .submit, .follow, .lookup, .typical]

    var method: HTTPMethod {
        switch self {
        case .form, .follow, .typical: .GET
        case .submit, .lookup: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .form, .submit: ["report"]
        case .follow, .lookup: ["report", "follow"]
        case .typical: ["report", "cases"]
        }
    }

    var access: Access { .everyone }
    var isSessionless: Bool { true }
    /// Three attachments of 5 MB and the text.
    var maxBody: ByteCount? { self == .submit ? "17mb" : nil }
}

/// Report cases for the supervisors who handle them (CAS-1…6), the clerks' entry of calls, letters and visits, and
/// the statistics with charts. The store decides which cases each reader's grants reach.
enum CaseRoute: SiteRoute {
    static let handlers: Access = .roles([.supervisor])
    static let enterers: Access = .roles([.clerk, .organizer, .supervisor])
    static let counters: Access = .roles([.supervisor, .organizer])

    case list
    case enter, create
    case show(String), step(String), identity(String), publish(String)
    case attachment(String, file: String)
    case stats, statsCSV

    static let all: [CaseRoute] = [.list, .enter, .create, .show("c"), .step("c"), .identity("c"), .publish("c"), .attachment("c", file: "a"), .stats, .statsCSV]

    var method: HTTPMethod {
        switch self {
        case .list, .enter, .show, .attachment, .stats, .statsCSV: .GET
        case .create, .step, .identity, .publish: .POST
        }
    }

    var parts: [PathPart] {
        func base(_ id: String) -> [PathPart] { ["cases", .parameter("case", value: id)] }
        switch self {
        case .list: return ["cases"]
        case .enter, .create: return ["cases", "new"]
        case .stats: return ["cases", "statistics"]
        case .statsCSV: return ["cases", "statistics.csv"]
        case .show(let id): return base(id)
        case .step(let id): return base(id) + ["step"]
        case .identity(let id): return base(id) + ["reporter"]
        case .publish(let id): return base(id) + ["publish"]
        case .attachment(let id, let file): return base(id) + ["attachments", .parameter("file", value: file)]
        }
    }

    var access: Access {
        switch self {
        case .enter, .create: Self.enterers
        case .stats, .statsCSV: Self.counters
        default: Self.handlers
        }
    }
}
