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

    static let all: [SurveyRoute] = [.list, .new, .create, .show(.parameter), .dashboard, .csv("c")]

    var method: HTTPMethod { self == .create ? .POST : .GET }

    var parts: [PathPart] {
        switch self {
        case .list: ["surveys"]
        case .new, .create: ["surveys", "new"]
        case .show(let id): ["surveys", .id(id)]
        case .dashboard: ["supervision"]
        case .csv(let chart): ["supervision", "charts", .parameter("chart", value: chart)]
        }
    }

    var access: Access {
        switch self {
        case .new, .create: Self.organizers
        default: Self.readers
        }
    }
}
