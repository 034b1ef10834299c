import Foundation
import SelectionCore
import Vapor

/// LED-1, LED-3: the full-process record of a matter (一事一记) and one person's table (一人一表), each a page that prints
/// on A4. Read by the matter's readers (`MatterRoute.readers`); the store then narrows to the organizers and
/// supervisors of the matter's unit and its team, and withholds what each may not read.
enum RecordRoute: SiteRoute {
    static let readers: Access = MatterRoute.readers

    /// 一事一记: every entry of the matter and of its ballot sessions, by stage.
    case matter(UUID)
    /// 一人一表: one person's entries (and the matter's), with their registry file's.
    case person(UUID, person: UUID)

    static let all: [RecordRoute] = [.matter(UUID.parameter), .person(UUID.parameter, person: UUID.parameter)]

    var method: HTTPMethod { .GET }

    var parts: [PathPart] {
        switch self {
        case .matter(let id): ["matters", .id(id), "record"]
        case .person(let id, let person): ["matters", .id(id), "people", .id(person, "person"), "table"]
        }
    }

    var access: Access { Self.readers }
}
