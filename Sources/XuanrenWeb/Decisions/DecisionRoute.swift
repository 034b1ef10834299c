import Foundation
import SelectionCore
import Vapor

/// The committee decision of a matter (DEC-1…6, SEL-10): the unit's roster, the meetings and their items, the
/// secret vote and the minutes on A4. Who may use each is decided by the store (organizers of the matter's unit
/// record; its supervisors and the committee members with accounts read); the routes say which roles may ask.
enum CommitteeRoute: SiteRoute {
    static let readers: Access = .roles([.organizer, .supervisor, .committee])
    static let organizers: Access = .roles([.organizer])

    case page(UUID)
    case addMember(UUID), retireMember(UUID, member: UUID)
    case open(UUID)
    case attendance(UUID, meeting: UUID), present(UUID, meeting: UUID), opinion(UUID, meeting: UUID), deferItem(UUID, meeting: UUID)
    case vote(UUID, meeting: UUID), ballot(UUID, meeting: UUID), importBallot(UUID, meeting: UUID), vacant(UUID, meeting: UUID)
    case close(UUID, meeting: UUID)
    /// DEC-6 the minutes on A4.
    case minutes(UUID, meeting: UUID)

    static let all: [CommitteeRoute] = {
        let p = UUID.parameter
        return [.page(p), .addMember(p), .retireMember(p, member: p), .open(p), .attendance(p, meeting: p), .present(p, meeting: p), .opinion(p, meeting: p),
                .deferItem(p, meeting: p), .vote(p, meeting: p), .ballot(p, meeting: p), .importBallot(p, meeting: p), .vacant(p, meeting: p),
                .close(p, meeting: p), .minutes(p, meeting: p)]
    }()

    var method: HTTPMethod {
        switch self {
        case .page, .minutes: .GET
        default: .POST
        }
    }

    var parts: [PathPart] {
        func base(_ id: UUID) -> [PathPart] { ["matters", .id(id), "committee"] }
        func meeting(_ id: UUID, _ m: UUID) -> [PathPart] { base(id) + ["meetings", .id(m, "meeting")] }
        switch self {
        case .page(let id): return base(id)
        case .addMember(let id): return base(id) + ["roster"]
        case .retireMember(let id, let member): return base(id) + ["roster", .id(member, "member"), "retire"]
        case .open(let id): return base(id) + ["meetings"]
        case .attendance(let id, let m): return meeting(id, m) + ["attendance"]
        case .present(let id, let m): return meeting(id, m) + ["present"]
        case .opinion(let id, let m): return meeting(id, m) + ["opinion"]
        case .deferItem(let id, let m): return meeting(id, m) + ["defer"]
        case .vote(let id, let m): return meeting(id, m) + ["vote"]
        case .ballot(let id, let m): return meeting(id, m) + ["ballot"]
        case .importBallot(let id, let m): return meeting(id, m) + ["ballot", "import"]
        case .vacant(let id, let m): return meeting(id, m) + ["vacant"]
        case .close(let id, let m): return meeting(id, m) + ["close"]
        case .minutes(let id, let m): return meeting(id, m) + ["minutes"]
        }
    }

    var access: Access {
        switch self {
        case .page, .minutes: Self.readers
        default: Self.organizers
        }
    }
}

/// Publicity, the pre-appointment talk and the appointment of each person the committee chose (PUB-1…4), and the
/// appointment notice on A4. Clerks of the unit enter reports received during publicity (calls, letters, visits).
enum PublicityRoute: SiteRoute {
    static let readers: Access = .roles([.organizer, .supervisor, .inspector, .clerk])
    static let organizers: Access = .roles([.organizer])
    static let resolvers: Access = .roles([.organizer, .supervisor])

    case page(UUID)
    case publish(UUID, person: UUID), report(UUID, person: UUID), resolve(UUID, person: UUID)
    case talk(UUID, person: UUID), appoint(UUID, person: UUID)
    /// PUB-3 the appointment notice (任职通知) on A4.
    case notice(UUID, person: UUID)

    static let all: [PublicityRoute] = {
        let p = UUID.parameter
        return [.page(p), .publish(p, person: p), .report(p, person: p), .resolve(p, person: p), .talk(p, person: p), .appoint(p, person: p), .notice(p, person: p)]
    }()

    var method: HTTPMethod {
        switch self {
        case .page, .notice: .GET
        default: .POST
        }
    }

    var parts: [PathPart] {
        func base(_ id: UUID) -> [PathPart] { ["matters", .id(id), "publicity"] }
        switch self {
        case .page(let id): return base(id)
        case .publish(let id, let p): return base(id) + [.id(p, "person")]
        case .report(let id, let p): return base(id) + [.id(p, "person"), "reports"]
        case .resolve(let id, let p): return base(id) + [.id(p, "person"), "reports", "resolve"]
        case .talk(let id, let p): return base(id) + [.id(p, "person"), "talk"]
        case .appoint(let id, let p): return base(id) + [.id(p, "person"), "appoint"]
        case .notice(let id, let p): return base(id) + [.id(p, "person"), "notice"]
        }
    }

    var access: Access {
        switch self {
        case .page: Self.readers
        case .report: Self.readers
        case .resolve: Self.resolvers
        case .notice: .roles([.organizer, .supervisor])
        case .publish, .talk, .appoint: Self.organizers
        }
    }
}

/// PRB-2 the probationers of the reader's units, PRB-1 the outcome; and the holiday calendar's years (PUB-1),
/// which an administrator extends.
enum ProbationRoute: SiteRoute {
    case list
    case conclude(UUID)
    case calendar, addCalendar

    static let all: [ProbationRoute] = [.list, .conclude(.parameter), .calendar, .addCalendar]

    var method: HTTPMethod {
        switch self {
        case .list, .calendar: .GET
        case .conclude, .addCalendar: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .list: ["probation"]
        case .conclude(let id): ["probation", .id(id), "conclude"]
        case .calendar, .addCalendar: ["admin", "calendar"]
        }
    }

    var access: Access {
        switch self {
        case .list: .roles([.organizer, .supervisor])
        case .conclude: .roles([.organizer])
        case .calendar, .addCalendar: .roles([.admin])
        }
    }

    var maxBody: ByteCount? { self == .addCalendar ? "512kb" : nil }
}

/// The status of a refusal shown again on a decision page: an item, person or report named in the form that does not
/// exist is bad input (400), not a missing page.
func refusalStatus(_ e: any UserFacingError) -> HTTPStatus {
    e.kind == .notFound ? .badRequest : HTTPStatus(statusCode: e.kind.httpStatus)
}
