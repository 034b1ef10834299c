import Foundation
import SelectionCore
import Vapor

/// Selection matters (选任事项): the list, the plan while it is drafted and its amendments once published (SEL-9),
/// the matter page with its timeline and the current stage's actions (nomination, recommendation, the choice of
/// whom to inspect, outcomes recorded by hand), and the public disclosure (DIS-1, DIS-2). The store decides
/// which matters a reader sees and what they may do on each (their units, the matter's team); the routes only
/// say which roles may ask.
enum MatterRoute: SiteRoute {
    /// Who reads matters: organizers and supervisors of the matter's unit, the matter's inspection team.
    static let readers: Access = .roles([.organizer, .supervisor, .inspector, .committee])
    /// Who runs a matter: the organizers of its unit.
    static let organizers: Access = .roles([.organizer])

    case list, new, create
    case show(UUID)
    // the plan: revised while drafting, published (frozen, SEL-9), amended by a recorded decision
    case plan(UUID), revise(UUID), publish(UUID), amend(UUID)
    // the stages
    case advance(UUID), outcome(UUID), cancel(UUID)
    // nomination (NOM-1…3, ELG-6)
    case nominate(UUID), consolidate(UUID)
    case review(UUID, person: UUID), withdraw(UUID, person: UUID), choose(UUID, person: UUID)
    // democratic recommendation (BAL-1, BAL-5), its talks and consultation notes, its results (DIS-1)
    case votes(UUID), note(UUID), publishResults(UUID)
    // disclosure (DIS-1, DIS-2): what the reader may see of the published items
    case publicPage(UUID), feed

    static let all: [MatterRoute] = {
        let p = UUID.parameter
        return [.list, .new, .create, .show(p), .plan(p), .revise(p), .publish(p), .amend(p), .advance(p), .outcome(p), .cancel(p),
                .nominate(p), .consolidate(p), .review(p, person: p), .withdraw(p, person: p), .choose(p, person: p),
                .votes(p), .note(p), .publishResults(p), .publicPage(p), .feed]
    }()

    var method: HTTPMethod {
        switch self {
        case .list, .new, .show, .plan, .publicPage, .feed: .GET
        case .create, .revise, .publish, .amend, .advance, .outcome, .cancel, .nominate, .consolidate, .review, .withdraw, .choose,
             .votes, .note, .publishResults: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .list, .create: ["matters"]
        case .new: ["matters", "new"]
        case .show(let id): ["matters", .id(id)]
        case .plan(let id), .revise(let id): ["matters", .id(id), "plan"]
        case .publish(let id): ["matters", .id(id), "plan", "publish"]
        case .amend(let id): ["matters", .id(id), "plan", "amendments"]
        case .advance(let id): ["matters", .id(id), "advance"]
        case .outcome(let id): ["matters", .id(id), "outcome"]
        case .cancel(let id): ["matters", .id(id), "cancel"]
        case .nominate(let id): ["matters", .id(id), "nominations"]
        case .consolidate(let id): ["matters", .id(id), "nominations", "consolidate"]
        case .review(let id, let person): ["matters", .id(id), "people", .id(person, "person"), "review"]
        case .withdraw(let id, let person): ["matters", .id(id), "people", .id(person, "person"), "withdraw"]
        case .choose(let id, let person): ["matters", .id(id), "people", .id(person, "person"), "inspect"]
        case .votes(let id): ["matters", .id(id), "recommendation"]
        case .publishResults(let id): ["matters", .id(id), "recommendation", "publish"]
        case .note(let id): ["matters", .id(id), "notes"]
        case .publicPage(let id): ["matters", .id(id), "public"]
        case .feed: ["feed.xml"]
        }
    }

    var access: Access {
        switch self {
        case .list, .show: Self.readers
        // recommendation talks: the organizers and the matter's team (the store decides who is on it)
        case .note: Self.readers
        case .new, .create, .plan, .revise, .publish, .amend, .advance, .outcome, .cancel, .nominate, .consolidate, .review, .withdraw, .choose,
             .votes, .publishResults: Self.organizers
        // within the plan's disclosure scope, which the store applies to the reader
        case .publicPage, .feed: .everyone
        }
    }
}

/// The links and form actions of one matter's pages, for the templates.
struct MatterLinks: Encodable {
    var show, plan, revise, publish, amend, advance, outcome, cancel, nominate, consolidate, votes, note, publishResults, publicPage: String
    var list = MatterRoute.list.path, feed = MatterRoute.feed.path
    /// LED-3: the matter's record (一事一记).
    var record: String

    init(_ id: UUID) {
        show = MatterRoute.show(id).path; plan = MatterRoute.plan(id).path; revise = MatterRoute.revise(id).path
        publish = MatterRoute.publish(id).path; amend = MatterRoute.amend(id).path; advance = MatterRoute.advance(id).path
        outcome = MatterRoute.outcome(id).path; cancel = MatterRoute.cancel(id).path; nominate = MatterRoute.nominate(id).path
        consolidate = MatterRoute.consolidate(id).path; votes = MatterRoute.votes(id).path; note = MatterRoute.note(id).path
        publishResults = MatterRoute.publishResults(id).path; publicPage = MatterRoute.publicPage(id).path
        record = RecordRoute.matter(id).path
    }
}
