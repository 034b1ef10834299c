import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// LED-1, LED-3: the matter's record (一事一记) and one person's table (一人一表), read through the store as the signed-in
/// user (which refuses, 403, whoever neither organizes nor supervises the matter's unit nor is on its team, and
/// withholds what they may not read), printed from the browser on A4.
struct RecordController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = UUID.parameter
        routes.on(RecordRoute.matter(p), use: matter)
        routes.on(RecordRoute.person(p, person: p), use: person)
    }

    func matter(req: Request) async throws -> Response {
        let id = try MatterController.matterID(req)
        let record = try await Self.read(req) { try await req.store.matterRecord(matter: id, in: req.language, by: req.actingUser) }
        return try await req.page("matter-record", titleKey: "record_matter_title", RecordPage.make(record, t: req.t, links: true, screen: true))
    }

    func person(req: Request) async throws -> Response {
        let id = try MatterController.matterID(req), person = try MatterController.personID(req)
        let record = try await Self.read(req) { try await req.store.personTable(matter: id, person: person, in: req.language, by: req.actingUser) }
        return try await req.page("matter-record", titleKey: "record_table_title", RecordPage.make(record, t: req.t, links: true, screen: true))
    }

    /// No such matter, or no such person in it: 404 (a refusal stays a 403).
    static func read(_ req: Request, _ body: () async throws -> SelectionRecord) async throws -> SelectionRecord {
        do {
            return try await body()
        } catch let e as InvalidInput where ["matter", "person"].contains(e.issues.first?.field ?? "") {
            throw Abort(.notFound)
        }
    }
}
