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
    /// The short link printed on slips and in their QR codes: the session's first eight hex digits (`/v/7ACD1EC2`).
    case short(String)

    static let all: [VoteRoute] = {
        let p = UUID.parameter
        return [.start(p), .ballot(p), .confirm(p), .cast(p), .short("s")] + Step.allCases.map { .reload(p, $0) }
    }()

    /// The short link's key of a session.
    static func shortKey(_ id: UUID) -> String { String(id.uuidString.prefix(8)) }

    var method: HTTPMethod {
        switch self {
        case .start, .reload, .short: .GET
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
        case .short(let key): ["v", .parameter("short", value: key)]
        }
    }

    var access: Access { .everyone }
    var isSessionless: Bool { true }
}
