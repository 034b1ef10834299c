import FluentKit
import Foundation
import SelectionCore

/// RES-1: the reserve pool (后备干部库): entry by route, review every cycle, exit with a reason.
public struct ReserveRow: Sendable {
    public var id: UUID
    public var cadreID: UUID
    public var name: String
    public var unitName: String
    public var post: String
    public var route: ReserveMembership.Route
    public var membership: ReserveMembership
    public var exited: YearMonth?
    public var exitReason: String?
}

extension Store {
    /// The reserve entries in the units `user` reads (`RegistryScope`), within `units` when given.
    public func reserve(units: Set<UUID>? = nil, by user: ActingUser, includeExited: Bool = false) async throws -> [ReserveRow] {
        try await reserve(units: try await registryScope(of: user).readable(within: units), includeExited: includeExited)
    }

    func reserve(units scope: Set<UUID>?, includeExited: Bool = false) async throws -> [ReserveRow] {
        var q = ReserveEntryRecord.query(on: db)
        if let scope { q = q.filter(\.$unitID ~~ Array(scope)) }
        if !includeExited { q = q.filter(\.$exited == nil) }
        let entries = try await q.all()
        let people = try await rows(ids: entries.map(\.cadreID))
        return entries.compactMap { e in
            guard let p = people[e.cadreID], let entered = YearMonth(e.entered) else { return nil }
            return ReserveRow(id: e.id!, cadreID: e.cadreID, name: p.name, unitName: p.unitName, post: p.post,
                              route: ReserveMembership.Route(rawValue: e.route) ?? .organization,
                              membership: ReserveMembership(entered: entered, lastReview: e.lastReview.flatMap { YearMonth($0) }, cycleMonths: e.cycleMonths),
                              exited: e.exited.flatMap { YearMonth($0) }, exitReason: e.exitReason)
        }.sorted { ($0.unitName, $0.name) < ($1.unitName, $1.name) }
    }

    /// RES-1: an organizer of the cadre's unit (or above it) puts the cadre in the reserve pool.
    public func addToReserve(cadreID: UUID, route: ReserveMembership.Route, entered: YearMonth, cycleMonths: Int = 24, by user: ActingUser) async throws {
        guard (6 ... 120).contains(cycleMonths) else { throw InvalidInput(field: "cycleMonths", .notAllowed("6–120")) }
        guard let cadre = try await CadreRecord.find(cadreID, on: db) else { throw InvalidInput(field: "cadre", .notFound(cadreID.uuidString)) }
        if try await ReserveEntryRecord.query(on: db).filter(\.$cadreID == cadreID).filter(\.$exited == nil).first() != nil {
            throw InvalidInput(field: "cadre", .duplicate(cadre.name))
        }
        try await write { tx in
            try await Self.require(user, [.organizer], on: cadre.unitID, tx.db)
            let e = ReserveEntryRecord()
            e.cadreID = cadreID; e.unitID = cadre.unitID; e.route = route.rawValue; e.entered = entered.description; e.cycleMonths = cycleMonths
            try await e.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: RegistryLedgerAction.reserveEnter, subjectType: "cadre", subjectID: cadreID.uuidString,
                                            payload: ["route": .string(route.rawValue), "entered": .string(entered.description), "cycleMonths": .int(Int64(cycleMonths))]))
        }
    }

    public func reviewReserve(entryID: UUID, on date: YearMonth, by user: ActingUser) async throws {
        try await changeReserve(entryID, by: user, action: RegistryLedgerAction.reserveReview, payload: ["reviewed": .string(date.description)]) { $0.lastReview = date.description }
    }

    public func exitReserve(entryID: UUID, on date: YearMonth, reason: String, by user: ActingUser) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw InvalidInput(field: "reason", .required) }
        try await changeReserve(entryID, by: user, action: RegistryLedgerAction.reserveExit, payload: ["exited": .string(date.description), "reason_sha256": .string(Self.sha256(reason))]) {
            $0.exited = date.description; $0.exitReason = reason
        }
    }

    func changeReserve(_ id: UUID, by user: ActingUser, action: RegistryLedgerAction, payload: [String: LedgerValue], _ change: @escaping @Sendable (ReserveEntryRecord) -> Void) async throws {
        try await write { tx in
            guard let e = try await ReserveEntryRecord.find(id, on: tx.db), e.exited == nil else { throw InvalidInput(field: "cadre", .notFound(id.uuidString)) }
            try await Self.require(user, [.organizer], on: e.unitID, tx.db)
            change(e)
            try await e.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: action, subjectType: "cadre", subjectID: e.cadreID.uuidString, payload: payload))
        }
    }
}
