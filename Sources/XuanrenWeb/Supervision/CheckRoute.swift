import Foundation
import SelectionCore
import Vapor

/// Supervision checks (CHK-1…6): the list and the form to plan one, a check's page (the newly promoted cadres with
/// the sample and its reasons, the questions on the main leaders, the prior-report list, the findings, the notice and
/// the follow-up), a file's checklist, and the rectification notice on A4. The routes admit organizers and
/// supervisors; the store decides on each check who reads it, who runs it and who reports its rectification.
enum CheckRoute: SiteRoute {
    static let users: Access = .roles([.organizer, .supervisor])

    case list, create
    case page(UUID)
    /// CHK-2: draws the sample (once).
    case draw(UUID)
    /// CHK-2: one file's checklist (GET the page, POST the answers).
    case file(UUID, file: UUID), review(UUID, file: UUID)
    /// CHK-3: an answer on the main leaders.
    case answer(UUID)
    /// CHK-4: a finding; the review concluded; the notice issued (POST) and printed (GET, a draft until issued).
    case finding(UUID), conclude(UUID), issueNotice(UUID), notice(UUID)
    /// CHK-4: the unit's report on an item; the checking side's verdict; the check closed.
    case report(UUID), verify(UUID), close(UUID)

    static let all: [CheckRoute] = {
        let p = UUID.parameter
        return [.list, .create, .page(p), .draw(p), .file(p, file: p), .review(p, file: p), .answer(p), .finding(p), .conclude(p),
                .issueNotice(p), .notice(p), .report(p), .verify(p), .close(p)]
    }()

    var method: HTTPMethod {
        switch self {
        case .list, .page, .file, .notice: .GET
        default: .POST
        }
    }

    var parts: [PathPart] {
        func base(_ id: UUID) -> [PathPart] { ["checks", .id(id)] }
        switch self {
        case .list, .create: return ["checks"]
        case .page(let id): return base(id)
        case .draw(let id): return base(id) + ["draw"]
        case .file(let id, let f), .review(let id, let f): return base(id) + ["files", .id(f, "file")]
        case .answer(let id): return base(id) + ["leaders"]
        case .finding(let id): return base(id) + ["findings"]
        case .conclude(let id): return base(id) + ["conclude"]
        case .issueNotice(let id), .notice(let id): return base(id) + ["notice"]
        case .report(let id): return base(id) + ["rectification"]
        case .verify(let id): return base(id) + ["rectification", "verify"]
        case .close(let id): return base(id) + ["close"]
        }
    }

    var access: Access { Self.users }
}
