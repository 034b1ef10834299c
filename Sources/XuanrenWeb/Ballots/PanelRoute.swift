import SelectionCore
import Vapor

/// BAL-10 standing evaluation panels.
enum PanelRoute: SiteRoute {
    case list, create

    static let all: [PanelRoute] = [.list, .create]

    var method: HTTPMethod { self == .list ? .GET : .POST }
    var parts: [PathPart] { ["panels"] }
    var access: Access { self == .list ? BallotRoute.viewers : BallotRoute.managers }
}
