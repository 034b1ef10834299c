import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// DIS-1, DIS-2: what a matter publishes, each item dated and within the plan's scope. Only published items are
/// ever read here; drafts, talks, gates and records never are.
extension Store {
    func addItem(_ kind: MatterItemKind, to rec: MatterRecord, _ matter: Matter, lines: [MatterNote.Field], ends: CivilDay?, at now: Int64, _ db: any Database,
                 scope: DisclosureScope? = nil, title: String? = nil) async throws {
        let item = MatterItemRecord()
        item.id = UUID(); item.matterID = rec.id!; item.unitID = rec.unitID; item.kind = kind.rawValue
        item.title = title ?? "\(matter.title)·\(kind.title(in: .zhHans))"
        item.body = try Self.json(lines)
        item.scope = (scope ?? matter.plan.disclosure).rawValue
        item.publishedAt = now
        item.ends = ends?.description
        try await item.create(on: db)
    }

    /// DIS-1: publishes the recommendation results (per nominee the score, rank and, with the double majority, its
    /// verdict) once both votes are counted.
    public func publishRecommendationResults(matter id: UUID, by user: ActingUser) async throws {
        let now = nowSeconds
        let (rec0, matter0, _) = try await Self.loadMatter(id, user, db) { $0.manages }
        let people = try await matterPeople(rec0, matter0, db).filter { $0.withdrawn == nil && $0.recommendationScore != nil }
        if people.isEmpty { throw InvalidInput(field: "sessions", .described(zh: "推荐投票尚未计票", en: "the recommendation has not been counted")) }
        let lines = people.sorted { ($0.recommendationRank ?? .max) < ($1.recommendationRank ?? .max) }.map { p in
            MatterNote.Field("result", "\(p.name)：得分\(String(format: "%.4f", p.recommendationScore ?? 0))，第\(p.recommendationRank ?? 0)名"
                + (p.doubleMajority.map { $0.passes ? "，达到双过半" : "，未达到双过半" } ?? ""))
        }
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            if try await MatterItemRecord.query(on: tx.db).filter(\.$matterID == id).filter(\.$kind == MatterItemKind.recommendationResults.rawValue).first() != nil {
                throw InvalidInput(field: "results", .duplicate(MatterItemKind.recommendationResults.title(in: .zhHans)))
            }
            try await self.addItem(.recommendationResults, to: rec, matter, lines: lines, ends: nil, at: now, tx.db)
            try await tx.record(self.matterEvent(user, .publishItem, id, ["kind": "recommendation", "sha256": .string(Self.sha256(try Self.json(lines)))]))
        }
    }

    /// The scopes `user` may read for a unit's items (DIS-2): the public always; the unit's own people; the
    /// organizers and supervisors.
    static func readableScopes(_ user: ActingUser, unit: UUID, tree: UnitTree) -> Set<DisclosureScope> {
        if user.isSystem { return Set(DisclosureScope.allCases) }
        var out: Set<DisclosureScope> = [.everyone]
        let roles = tree.roles(of: user, on: unit)
        if !roles.isEmpty { out.insert(.unit) }
        if !roles.isDisjoint(with: [.organizer, .supervisor]) { out.formUnion([.unit, .supervision]) }
        return out
    }

    static func item(_ r: MatterItemRecord, matterTitle: String, unitName: String) -> MatterItem {
        MatterItem(id: r.id!, matterID: r.matterID, matterTitle: matterTitle, unitName: unitName, kind: MatterItemKind(rawValue: r.kind) ?? .plan, title: r.title,
                   lines: (try? decode([MatterNote.Field].self, r.body)) ?? [], scope: DisclosureScope(rawValue: r.scope) ?? .supervision,
                   publishedAt: r.publishedAt, ends: r.ends.flatMap(CivilDay.init))
    }

    /// All items of one matter (for those who see the matter itself).
    func matterItems(matter id: UUID) async throws -> [MatterItem] {
        try await MatterItemRecord.query(on: db).filter(\.$matterID == id).sort(\.$publishedAt).all().map { Self.item($0, matterTitle: "", unitName: "") }
    }

    /// The published items `user` may read, newest first (the public page and `/feed.xml`).
    public func publishedItems(for user: ActingUser, matter: UUID? = nil, limit: Int = 50) async throws -> [MatterItem] {
        let tree = try await Self.unitTree(on: db)
        var q = MatterItemRecord.query(on: db)
        if let matter { q = q.filter(\.$matterID == matter) }
        let rows = try await q.sort(\.$publishedAt, .descending).limit(limit * 4).all()
        let names = Dictionary(tree.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var titles: [UUID: String] = [:]
        var out: [MatterItem] = []
        for r in rows {
            guard let scope = DisclosureScope(rawValue: r.scope), Self.readableScopes(user, unit: r.unitID, tree: tree).contains(scope) else { continue }
            if titles[r.matterID] == nil { titles[r.matterID] = try await MatterRecord.find(r.matterID, on: db)?.title ?? "" }
            out.append(Self.item(r, matterTitle: titles[r.matterID]!, unitName: names[r.unitID] ?? ""))
            if out.count == limit { break }
        }
        return out
    }
}
