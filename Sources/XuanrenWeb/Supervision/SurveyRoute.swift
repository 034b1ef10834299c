import Foundation
import SelectionCore
import Vapor

/// 一报告两评议 rounds (SUR-1…3) and the supervision dashboard with its charts (CAS-1, SUR-3, SUR-4), each chart with
/// its table and a CSV. Organizers of a unit start rounds; its organizers and supervisors read them.
enum SurveyRoute: SiteRoute {
    static let readers: Access = .roles([.organizer, .supervisor])
    static let organizers: Access = .roles([.organizer])

    case list, new, create
    case show(UUID)
    case dashboard
    case csv(String)
    /// ASM-2, ASM-3, ASM-5: what the closed ballots call for, and proposing it to the committee.
    case proposals, propose
    /// ASM-4: the county's rankings of several years, read for units in the bottom places running.
    case rankings

    static let all: [SurveyRoute] = [.list, .new, .create, .show(.parameter), .dashboard, .csv("c"), .proposals, .propose, .rankings]

    var method: HTTPMethod { self == .create || self == .propose || self == .rankings ? .POST : .GET }

    var parts: [PathPart] {
        switch self {
        case .list: ["surveys"]
        case .new, .create: ["surveys", "new"]
        case .show(let id): ["surveys", .id(id)]
        case .dashboard: ["supervision"]
        case .csv(let chart): ["supervision", "charts", .parameter("chart", value: chart)]
        case .proposals, .propose: ["supervision", "proposals"]
        case .rankings: ["supervision", "proposals", "rankings"]
        }
    }

    var access: Access {
        switch self {
        case .new, .create: Self.organizers
        default: Self.readers
        }
    }
}
