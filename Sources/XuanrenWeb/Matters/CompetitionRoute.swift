import Foundation
import SelectionCore
import Vapor

/// Registration, the qualification review and the sealed written exam of a competitive matter (ELG-6…9, EXM-1):
/// the organizers' page, the public registration form with live counts, the graders' page (codes only), the unit
/// staff's confirmations and the admission tickets on A4. The store decides who may do what on which matter.
enum CompetitionRoute: SiteRoute {
    static let readers: Access = .roles([.organizer, .supervisor])
    static let organizers: Access = .roles([.organizer])
    static let staff: Access = .roles([.organizer, .clerk])

    case page(UUID)
    case open(UUID), review(UUID), fate(UUID), seal(UUID), absent(UUID), importScores(UUID), openKey(UUID)
    case override(UUID, applicant: UUID), confirm(UUID, applicant: UUID), switchPosition(UUID, applicant: UUID)
    /// EXM-1 admission tickets on A4.
    case tickets(UUID)
    /// ELG-8 the public registration form and the counts per position.
    case apply(UUID), register(UUID)
    /// EXM-1 the graders' page: papers by code.
    case grading(UUID), grade(UUID)
    /// ELG-9 registrations the reader's units confirm.
    case confirmations
    /// SCR-1…3, EXM-2, EXM-4: scoring rules, progression, panels, absences, the candidates drawn; a position's sheet.
    case scoring(UUID), progression(UUID), panel(UUID), interviewAbsent(UUID), shortlist(UUID), reserve(UUID)
    case sheet(UUID, position: String)
    /// SCR-1, SEL-3, SEL-4: an organizer enters a composite stage score (party group, assessment, rating, inspection).
    case stageScore(UUID)
    /// EXM-5 the judges' phone page and the big screen (当场亮分).
    case interview(UUID), score(UUID), board(UUID)
    /// EXM-4 a judge declares a conflict (本人申报回避); the pool file a panel was drawn from (re-run with `xuanren draw --panel`).
    case conflict(UUID), poolFile(UUID, position: String)
    /// EXM-7 a position's question set and times.
    case questions(UUID)
    /// EXM-9 an applicant's own scores, by identity and admission number.
    case lookup(UUID)

    static let all: [CompetitionRoute] = {
        let p = UUID.parameter
        return [.page(p), .open(p), .review(p), .fate(p), .seal(p), .absent(p), .importScores(p), .openKey(p),
                .override(p, applicant: p), .confirm(p, applicant: p), .switchPosition(p, applicant: p), .tickets(p),
                .apply(p), .register(p), .grading(p), .grade(p), .confirmations,
                .scoring(p), .progression(p), .panel(p), .interviewAbsent(p), .shortlist(p), .reserve(p), .sheet(p, position: "p"), .stageScore(p),
                .interview(p), .score(p), .board(p), .lookup(p), .conflict(p), .poolFile(p, position: "p"), .questions(p)]
    }()

    var method: HTTPMethod {
        switch self {
        case .page, .tickets, .apply, .grading, .confirmations, .sheet, .interview, .board, .poolFile: .GET
        default: .POST
        }
    }

    var parts: [PathPart] {
        func base(_ id: UUID) -> [PathPart] { ["matters", .id(id), "competition"] }
        func applicant(_ id: UUID, _ a: UUID) -> [PathPart] { base(id) + ["applicants", .id(a, "applicant")] }
        switch self {
        case .page(let id): return base(id)
        case .open(let id): return base(id) + ["open"]
        case .review(let id): return base(id) + ["review"]
        case .fate(let id): return base(id) + ["fate"]
        case .seal(let id): return base(id) + ["seal"]
        case .absent(let id): return base(id) + ["absent"]
        case .importScores(let id): return base(id) + ["import"]
        case .openKey(let id): return base(id) + ["key"]
        case .override(let id, let a): return applicant(id, a) + ["override"]
        case .confirm(let id, let a): return applicant(id, a) + ["confirm"]
        case .switchPosition(let id, let a): return applicant(id, a) + ["switch"]
        case .tickets(let id): return base(id) + ["tickets"]
        case .apply(let id), .register(let id): return ["matters", .id(id), "apply"]
        case .grading(let id), .grade(let id): return ["matters", .id(id), "grading"]
        case .confirmations: return ["registrations", "confirm"]
        case .scoring(let id): return base(id) + ["scoring"]
        case .progression(let id): return base(id) + ["progression"]
        case .panel(let id): return base(id) + ["panel"]
        case .interviewAbsent(let id): return base(id) + ["interview-absent"]
        case .shortlist(let id): return base(id) + ["shortlist"]
        case .reserve(let id): return base(id) + ["reserve"]
        case .stageScore(let id): return base(id) + ["stage-scores"]
        case .sheet(let id, let position): return base(id) + ["sheets", .parameter("position", value: position)]
        case .interview(let id), .score(let id): return ["matters", .id(id), "interview"]
        case .board(let id): return ["matters", .id(id), "interview", "board"]
        case .lookup(let id): return ["matters", .id(id), "apply", "lookup"]
        case .conflict(let id): return ["matters", .id(id), "interview", "conflict"]
        case .poolFile(let id, let position): return base(id) + ["panels", .parameter("position", value: position), "pool"]
        case .questions(let id): return base(id) + ["questions"]
        }
    }

    var access: Access {
        switch self {
        case .page, .sheet, .poolFile: Self.readers
        case .conflict: .roles([.judge])
        case .openKey: .roles([.supervisor])
        case .interview, .score: .roles([.judge, .organizer, .supervisor])
        case .board: .roles([.judge, .organizer, .supervisor])
        case .lookup: .everyone
        case .confirm, .switchPosition, .confirmations: Self.staff
        case .apply, .register: .everyone
        case .grading, .grade: .roles([.grader])
        default: Self.organizers
        }
    }

    var maxBody: ByteCount? {
        if case .importScores = self { return "2mb" }
        return nil
    }
}
