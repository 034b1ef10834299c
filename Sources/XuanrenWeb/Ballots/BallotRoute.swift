import Foundation
import SelectionCore
import Vapor

/// Ballot sessions for organizers, supervisors and clerks: create, issue codes, open, close, enter paper
/// ballots; the results and the signed box, which follow the session's disclosure scope (the handler decides).
enum BallotRoute: SiteRoute {
    static let managers: Access = .roles([.admin, .organizer])
    static let viewers: Access = .roles([.admin, .organizer, .supervisor])
    static let clerks: Access = .roles([.admin, .organizer, .clerk])
    static let paperViewers: Access = .roles([.admin, .organizer, .clerk, .supervisor])

    case list, new, create
    /// The clerks' way in: the open sessions of their units that take paper ballots.
    case paperWork
    case detail(UUID), codes(UUID), open(UUID), close(UUID)
    case results(UUID), box(UUID), boxSignature(UUID)
    /// SEL-5: an organizer confirms the names written in, which the public page then shows.
    case confirmWriteIns(UUID)
    // BAL-9 paper ballots: double entry, reconciliation, acceptance, the live count
    case paper(UUID), enterPaper(UUID), reconcile(UUID), acceptPaper(UUID), discardPaper(UUID), count(UUID)

    static let all: [BallotRoute] = {
        let p = UUID.parameter
        return [.list, .new, .create, .paperWork, .detail(p), .codes(p), .open(p), .close(p), .results(p), .box(p), .boxSignature(p), .confirmWriteIns(p),
                .paper(p), .enterPaper(p), .reconcile(p), .acceptPaper(p), .discardPaper(p), .count(p)]
    }()

    var method: HTTPMethod {
        switch self {
        case .list, .new, .paperWork, .detail, .results, .box, .boxSignature, .paper, .reconcile, .count: .GET
        case .create, .codes, .open, .close, .enterPaper, .acceptPaper, .discardPaper, .confirmWriteIns: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .list, .create: ["ballots"]
        case .paperWork: ["ballots", "paper-entry"]
        case .new: ["ballots", "new"]
        case .detail(let id): ["ballots", .id(id)]
        case .codes(let id): ["ballots", .id(id), "codes"]
        case .open(let id): ["ballots", .id(id), "open"]
        case .close(let id): ["ballots", .id(id), "close"]
        case .results(let id): ["ballots", .id(id), "results"]
        case .box(let id): ["ballots", .id(id), "box.json"]
        case .boxSignature(let id): ["ballots", .id(id), "box.json.sig"]
        case .confirmWriteIns(let id): ["ballots", .id(id), "write-ins"]
        case .paper(let id), .enterPaper(let id): ["ballots", .id(id), "paper"]
        case .reconcile(let id): ["ballots", .id(id), "paper", "reconcile"]
        case .acceptPaper(let id): ["ballots", .id(id), "paper", "accept"]
        case .discardPaper(let id): ["ballots", .id(id), "paper", "discard"]
        case .count(let id): ["ballots", .id(id), "count"]
        }
    }

    var access: Access {
        switch self {
        case .list, .detail: Self.viewers
        case .new, .create, .codes, .open, .close, .acceptPaper, .discardPaper, .confirmWriteIns: Self.managers
        case .results, .box, .boxSignature: .everyone   // the disclosure scope is checked by the handler
        case .paper, .enterPaper, .paperWork: Self.clerks
        case .reconcile, .count: Self.paperViewers
        }
    }
}

/// The links and form actions of one session's pages (detail, results, paper entry), for the templates.
struct BallotLinks: Encodable {
    var detail, codes, open, close, results, box, signature, paper, enterPaper, reconcile, accept, discard, count, confirmWriteIns: String

    init(_ id: UUID) {
        detail = BallotRoute.detail(id).path; codes = BallotRoute.codes(id).path; open = BallotRoute.open(id).path
        close = BallotRoute.close(id).path; results = BallotRoute.results(id).path; box = BallotRoute.box(id).path
        signature = BallotRoute.boxSignature(id).path; paper = BallotRoute.paper(id).path; enterPaper = BallotRoute.enterPaper(id).path
        reconcile = BallotRoute.reconcile(id).path; accept = BallotRoute.acceptPaper(id).path; discard = BallotRoute.discardPaper(id).path; count = BallotRoute.count(id).path
        confirmWriteIns = BallotRoute.confirmWriteIns(id).path
    }
}
