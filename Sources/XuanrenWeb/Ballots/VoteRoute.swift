import Foundation
import SelectionCore
import Vapor

/// The voters' pages: code → ballot → confirmation → receipt. No login and no session: the code is the credential.
enum VoteRoute: SiteRoute {
    /// A step of the vote that is a post; its address opened by a reload or a language switch starts again at the code.
    enum Step: String, Sendable, CaseIterable { case ballot, confirm, cast }

    case start(UUID)
    case ballot(UUID), confirm(UUID), cast(UUID)
    case reload(UUID, Step)

    static let all: [VoteRoute] = {
        let p = UUID.parameter
        return [.start(p), .ballot(p), .confirm(p), .cast(p)] + Step.allCases.map { .reload(p, $0) }
    }()

    var method: HTTPMethod {
        switch self {
        case .start, .reload: .GET
        case .ballot, .confirm, .cast: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .start(let id): ["vote", .id(id)]
        case .ballot(let id): ["vote", .id(id), "ballot"]
        case .confirm(let id): ["vote", .id(id), "confirm"]
        case .cast(let id): ["vote", .id(id), "cast"]
        case .reload(let id, let step): ["vote", .id(id), .constant(step.rawValue)]
        }
    }

    var access: Access { .everyone }
    var isSessionless: Bool { true }
}
