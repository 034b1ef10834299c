import Foundation
import SelectionCore
import Vapor

/// Pledge campaigns of discipline before a change of leadership (DIS-3): organizers create, open and close them;
/// organizers and clerks record the signed paper pledges and print the forms; supervisors read. The store decides
/// which campaigns and cadres each reader's grants reach.
enum PledgeRoute: SiteRoute {
    static let readers: Access = .roles([.organizer, .clerk, .supervisor])
    static let organizers: Access = .roles([.organizer])
    static let recorders: Access = .roles([.organizer, .clerk])

    case list
    case new, create
    case show(UUID), open(UUID), close(UUID), sign(UUID), print(UUID)

    static let all: [PledgeRoute] = {
        let p = UUID.parameter
        return [.list, .new, .create, .show(p), .open(p), .close(p), .sign(p), .print(p)]
    }()

    var method: HTTPMethod {
        switch self {
        case .list, .new, .show, .print: .GET
        case .create, .open, .close, .sign: .POST
        }
    }

    var parts: [PathPart] {
        func base(_ id: UUID) -> [PathPart] { ["pledges", .id(id, "campaign")] }
        switch self {
        case .list: return ["pledges"]
        case .new, .create: return ["pledges", "new"]
        case .show(let id): return base(id)
        case .open(let id): return base(id) + ["open"]
        case .close(let id): return base(id) + ["close"]
        case .sign(let id): return base(id) + ["sign"]
        case .print(let id): return base(id) + ["print"]
        }
    }

    var access: Access {
        switch self {
        case .list, .show: Self.readers
        case .new, .create, .open, .close: Self.organizers
        case .sign, .print: Self.recorders
        }
    }
}
