import Foundation
import SelectionCore
import Vapor

/// The inspection of a matter (INS-1…8) and the gates before the committee (REG-3, REG-4, INS-5, INS-7, BAL-6,
/// CAS-3, CHK-5): the page, one form action per kind of record, and the A4 print pages (INS-6).
///
/// Who may use each is decided by the store from the acting user's grants *and the matter's team* (`MatterAccess`):
/// it refuses (403) anyone who neither organizes nor supervises the matter's unit nor is on its team. The routes
/// only say which roles may ask: the matter's readers (team members hold the inspector role), and the organizers
/// (or supervisors, for holds) where only they may act.
enum InspectionRoute: SiteRoute {
    /// Organizers of the unit, supervisors and the matter's team (the store decides), as for the matter itself
    /// (`MatterRoute.readers`).
    static let readers: Access = .roles([.organizer, .supervisor, .inspector, .committee])
    static let organizers: Access = .roles([.organizer])
    /// CAS-3 holds: organizers and supervisors.
    static let holders: Access = .roles([.organizer, .supervisor])

    /// The page: team, notice, records, evaluation, opinions, materials, gates.
    case page(UUID)
    // INS-1, INS-2
    case team(UUID), notice(UUID)
    /// INS-3 the democratic evaluation (an `evaluation` ballot session).
    case evaluation(UUID)
    /// INS-3 records, INS-6 materials of one candidate.
    case record(UUID, person: UUID)
    /// INS-6 the comparative analysis of one position.
    case comparison(UUID, position: String)
    /// INS-4 scores per item of 德能勤绩廉.
    case scores(UUID, person: UUID)
    /// INS-5 an opinion asked of another body, and its answer (the opinion named in the form).
    case opinion(UUID, person: UUID), answer(UUID, person: UUID)
    // the gates
    case personalMatters(UUID, person: UUID), exam(UUID, person: UUID), priorReport(UUID, person: UUID)
    case hold(UUID, person: UUID), lift(UUID, person: UUID), override(UUID, person: UUID)
    // INS-6 on A4
    case print(UUID, person: UUID), printComparison(UUID, position: String)

    static let all: [InspectionRoute] = {
        let p = UUID.parameter
        return [.page(p), .team(p), .notice(p), .evaluation(p), .record(p, person: p), .comparison(p, position: "p"), .scores(p, person: p),
                .opinion(p, person: p), .answer(p, person: p), .personalMatters(p, person: p), .exam(p, person: p), .priorReport(p, person: p),
                .hold(p, person: p), .lift(p, person: p), .override(p, person: p), .print(p, person: p), .printComparison(p, position: "p")]
    }()

    var method: HTTPMethod {
        switch self {
        case .page, .print, .printComparison: .GET
        default: .POST
        }
    }

    var parts: [PathPart] {
        func base(_ id: UUID) -> [PathPart] { ["matters", .id(id), "inspection"] }
        switch self {
        case .page(let id): return base(id)
        case .team(let id): return base(id) + ["team"]
        case .notice(let id): return base(id) + ["notice"]
        case .evaluation(let id): return base(id) + ["evaluation"]
        case .comparison(let id, let position): return base(id) + ["compare", .parameter("position", value: position)]
        case .printComparison(let id, let position): return base(id) + ["compare", .parameter("position", value: position), "print"]
        case .record(let id, let person): return base(id) + [.id(person, "person"), "records"]
        case .scores(let id, let person): return base(id) + [.id(person, "person"), "scores"]
        case .opinion(let id, let person): return base(id) + [.id(person, "person"), "opinions"]
        case .answer(let id, let person): return base(id) + [.id(person, "person"), "opinions", "answer"]
        case .personalMatters(let id, let person): return base(id) + [.id(person, "person"), "personal-matters"]
        case .exam(let id, let person): return base(id) + [.id(person, "person"), "exam"]
        case .priorReport(let id, let person): return base(id) + [.id(person, "person"), "prior-report"]
        case .hold(let id, let person): return base(id) + [.id(person, "person"), "hold"]
        case .lift(let id, let person): return base(id) + [.id(person, "person"), "lift"]
        case .override(let id, let person): return base(id) + [.id(person, "person"), "override"]
        case .print(let id, let person): return base(id) + [.id(person, "person"), "print"]
        }
    }

    var access: Access {
        switch self {
        case .page, .print, .printComparison, .record, .comparison, .scores, .opinion, .answer, .personalMatters: Self.readers
        case .team, .notice, .evaluation, .exam, .priorReport, .override: Self.organizers
        case .hold, .lift: Self.holders
        }
    }
}

/// The form actions and links of one candidate on the inspection page.
struct InspectionPersonLinks: Encodable {
    var record, scores, opinion, answer, personalMatters, exam, priorReport, hold, lift, override, print: String
    /// LED-3: the person's table (一人一表).
    var table: String
    init(_ id: UUID, _ person: UUID) {
        record = InspectionRoute.record(id, person: person).path; scores = InspectionRoute.scores(id, person: person).path
        opinion = InspectionRoute.opinion(id, person: person).path; answer = InspectionRoute.answer(id, person: person).path
        personalMatters = InspectionRoute.personalMatters(id, person: person).path
        exam = InspectionRoute.exam(id, person: person).path; priorReport = InspectionRoute.priorReport(id, person: person).path
        hold = InspectionRoute.hold(id, person: person).path; lift = InspectionRoute.lift(id, person: person).path
        override = InspectionRoute.override(id, person: person).path; print = InspectionRoute.print(id, person: person).path
        table = RecordRoute.person(id, person: person).path
    }
}
