import Synchronization
import FluentKit
import Foundation
import SelectionCore

/// What an organizer fills in to create a pledge campaign (DIS-3).
public struct PledgeCampaignInput: Sendable {
    public var unit: UUID
    public var name: String
    public var deadline: CivilDay
    public var pledgeText: String
    public var rules: String
    public init(unit: UUID, name: String, deadline: CivilDay, pledgeText: String = PledgeCampaign.defaultPledgeText, rules: String = PledgeCampaign.defaultRules) {
        self.unit = unit; self.name = name; self.deadline = deadline; self.pledgeText = pledgeText; self.rules = rules
    }
}

/// A campaign as a reader lists it, counted over the cadres the reader's grants reach.
public struct PledgeCampaignRow: Sendable {
    public var id: UUID
    public var value: PledgeCampaign
    public var unitName: String
    public var summary: PledgeSummary
    /// The reader is an organizer of the campaign's unit: opens and closes it.
    public var manages: Bool
    /// The reader reaches only some of the campaign's units: the counts are theirs.
    public var partial: Bool
    /// The reader is an organizer or a clerk of some unit of the campaign: records pledges and prints the forms there.
    public var records: Bool
}

/// One eligible cadre of a campaign, with where they stand.
public struct PledgeCadreRow: Sendable {
    public var id: UUID
    public var name: String
    public var unitName: String
    public var post: String
    /// nil while the campaign is a draft (the list is then who would sign if it opened today).
    public var status: PledgeStatus?
    public var pledge: Pledge?
    /// The reader may record this cadre's pledge (an organizer or clerk of the cadre's unit, the campaign open).
    public var mayRecord: Bool
}

/// A campaign's page: the campaign and the cadres the reader's grants reach.
public struct PledgeCampaignDetail: Sendable {
    public var row: PledgeCampaignRow
    public var cadres: [PledgeCadreRow]
}

/// The discipline shown to the participants of a selection (DIS-3): the matter plan's own discipline text, and the
/// rules of the open pledge campaign of the matter's unit (or of a unit above it).
public struct ParticipantDiscipline: Sendable, Equatable {
    public var plan: String
    public var campaignName: String?
    public var rules: String?
    public var isEmpty: Bool { plan.isEmpty && (rules ?? "").isEmpty }
    public init(plan: String = "", campaignName: String? = nil, rules: String? = nil) { self.plan = plan; self.campaignName = campaignName; self.rules = rules }
}

extension Store {
    /// The roles that read pledge campaigns; organizers create, open and close them; organizers and clerks record.
    public static let pledgeReaders: Set<Role> = [.organizer, .clerk, .supervisor]
    public static let pledgeRecorders: Set<Role> = [.organizer, .clerk]

    static func loadCampaign(_ id: UUID, _ db: any Database) async throws -> (PledgeCampaignRecord, PledgeCampaign) {
        guard let rec = try await PledgeCampaignRecord.find(id, on: db) else { throw InvalidInput(field: "campaign", .notFound(id.uuidString)) }
        return (rec, try decode(PledgeCampaign.self, rec.campaign))
    }

    /// The cadres who sign in a campaign of `unit`: the registry cadres of the unit and below, by name.
    static func eligibleCadres(of unit: UUID, _ tree: UnitTree, _ db: any Database) async throws -> [CadreRecord] {
        let units = Array(tree.below([unit]))
        return try await CadreRecord.query(on: db).filter(\.$unitID ~~ units).sort(\.$name).sort(\.$id).all()
    }

    /// The units of a campaign the reader reaches (nil: all of them).
    static func pledgeReach(_ user: ActingUser, _ unit: UUID, _ tree: UnitTree) -> Set<UUID>? {
        if user.isSystem || tree.permits(user, pledgeReaders, on: unit) { return nil }
        return tree.scope(of: user, roles: pledgeReaders)?.intersection(tree.below([unit]))
    }

    func pledgeRow(_ id: UUID, _ c: PledgeCampaign, _ user: ActingUser, _ tree: UnitTree, cadreUnits: [UUID: UUID]) -> PledgeCampaignRow? {
        let reach = Self.pledgeReach(user, c.unit, tree)
        if let reach, reach.isEmpty { return nil }
        let visible: Set<UUID>? = reach.map { r in Set(c.eligible.filter { cadreUnits[$0].map(r.contains) ?? false }) }
        return PledgeCampaignRow(id: id, value: c, unitName: tree.byID[c.unit]?.name ?? "", summary: c.summary(on: today, of: visible),
                                 manages: user.isSystem || tree.permits(user, [.organizer], on: c.unit), partial: reach != nil,
                                 records: tree.scope(of: user, roles: Self.pledgeRecorders).map { !$0.isDisjoint(with: tree.below([c.unit])) } ?? true)
    }

    /// DIS-3: the campaigns `user` reads (organizers, clerks and supervisors of the campaign's unit or of a unit below
    /// it), open ones first, newest first.
    public func pledgeCampaigns(by user: ActingUser) async throws -> [PledgeCampaignRow] {
        if !user.isSystem && user.roles.isDisjoint(with: Self.pledgeReaders) { throw NotPermitted() }
        let tree = try await Self.unitTree(on: db)
        let records = try await PledgeCampaignRecord.query(on: db).all()
        let needsUnits = !user.isSystem && records.contains { Self.pledgeReach(user, $0.unitID, tree) != nil }
        let cadreUnits = needsUnits ? try await cadreUnitIndex() : [:]
        let order: [PledgeCampaignState: Int] = [.open: 0, .draft: 1, .closed: 2]
        return try records.compactMap { r in try pledgeRow(r.id!, Self.decode(PledgeCampaign.self, r.campaign), user, tree, cadreUnits: cadreUnits) }
            .sorted { (order[$0.value.state]!, -$0.value.created.daysSinceEpoch, $0.value.name) < (order[$1.value.state]!, -$1.value.created.daysSinceEpoch, $1.value.name) }
    }

    func cadreUnitIndex() async throws -> [UUID: UUID] {
        Dictionary(try await CadreRecord.query(on: db).field(\.$id).field(\.$unitID).all().map { ($0.id!, $0.unitID) }, uniquingKeysWith: { a, _ in a })
    }

    /// DIS-3: one campaign with the eligible cadres the reader reaches, those who have not signed first (for a draft:
    /// who would sign if it opened now).
    public func pledgeCampaign(_ id: UUID, by user: ActingUser) async throws -> PledgeCampaignDetail {
        let tree = try await Self.unitTree(on: db)
        let (_, c) = try await Self.loadCampaign(id, db)
        let cadres: [CadreRecord]
        if c.state == .draft {
            cadres = try await Self.eligibleCadres(of: c.unit, tree, db)
        } else {
            var found: [UUID: CadreRecord] = [:]
            for chunk in stride(from: 0, to: c.eligible.count, by: 500).map({ Array(c.eligible[$0 ..< min($0 + 500, c.eligible.count)]) }) {
                for r in try await CadreRecord.query(on: db).filter(\.$id ~~ chunk).all() { found[r.id!] = r }
            }
            // the cadres who have not signed first, then by name
            let signed = Set(c.pledges.map(\.cadre))
            func key(_ r: CadreRecord) -> (Int, String, String) { (signed.contains(r.id!) ? 1 : 0, r.name, r.id!.uuidString) }
            cadres = c.eligible.compactMap { found[$0] }.sorted { key($0) < key($1) }
        }
        let units = Dictionary(uniqueKeysWithValues: cadres.map { ($0.id!, $0.unitID) })
        guard let row = pledgeRow(id, c, user, tree, cadreUnits: units) else { throw NotPermitted() }
        let reach = Self.pledgeReach(user, c.unit, tree)
        let statuses = c.statuses(on: today)
        let pledges = Dictionary(c.pledges.map { ($0.cadre, $0) }, uniquingKeysWith: { a, _ in a })
        let recordable = tree.scope(of: user, roles: Self.pledgeRecorders)
        let rows = cadres.filter { reach?.contains($0.unitID) ?? true }.map { r in
            PledgeCadreRow(id: r.id!, name: r.name, unitName: tree.byID[r.unitID]?.name ?? "", post: r.post,
                           status: c.state == .draft ? nil : statuses[r.id!], pledge: pledges[r.id!],
                           mayRecord: c.state == .open && pledges[r.id!] == nil && (recordable?.contains(r.unitID) ?? true))
        }
        return PledgeCampaignDetail(row: row, cadres: rows)
    }

    /// DIS-3: an organizer of the unit creates a campaign (a draft: nothing is shown or signed before it opens).
    @discardableResult
    public func createPledgeCampaign(_ input: PledgeCampaignInput, by user: ActingUser) async throws -> UUID {
        let day = today
        let campaign = try PledgeCampaign(name: input.name, unit: input.unit, pledgeText: input.pledgeText, deadline: input.deadline,
                                          rules: input.rules, created: day, by: user.name)
        let now = Int64(ledger.clock.now.timeIntervalSince1970)
        return try await write { tx in
            let tree = try await Self.unitTree(on: tx.db)
            guard tree.byID[input.unit] != nil else { throw InvalidInput(field: "unit", .notFound(input.unit.uuidString)) }
            guard user.isSystem || tree.permits(user, [.organizer], on: input.unit) else { throw NotPermitted() }
            let rec = PledgeCampaignRecord()
            rec.id = UUID(); rec.unitID = input.unit; rec.name = campaign.name; rec.state = campaign.state.rawValue
            rec.deadline = campaign.deadline.description; rec.campaign = try Self.json(campaign); rec.createdAt = now; rec.updatedAt = now
            try await rec.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: PledgeLedgerAction.create, subjectType: "pledge-campaign", subjectID: rec.id!.uuidString, payload: [
                "name": .string(campaign.name), "unit": .string(input.unit.uuidString), "deadline": .string(campaign.deadline.description),
                "text_sha256": .string(Self.sha256(campaign.pledgeText)), "rules_sha256": .string(Self.sha256(campaign.rules)),
            ]))
            return rec.id!
        }
    }

    /// DIS-3: opens the campaign: the registry cadres of its unit and below are fixed as the cadres who sign, and the
    /// rules are shown to the participants of the unit's selections from now on.
    public func openPledgeCampaign(_ id: UUID, by user: ActingUser) async throws {
        try await changeCampaign(id, by: user, organizerOnly: true) { c, tree, tx in
            let cadres = try await Self.eligibleCadres(of: c.unit, tree, tx.db)
            try c.open(eligible: cadres.map { $0.id! }, on: self.today, by: user.name)
            return (.open, ["eligible": .int(Int64(c.eligible.count))])
        }
    }

    /// DIS-3: closes the campaign (no more pledges; the rules are no longer shown). The cadres who did not sign stay
    /// listed as such; the ledger entry counts them.
    public func closePledgeCampaign(_ id: UUID, by user: ActingUser) async throws {
        try await changeCampaign(id, by: user, organizerOnly: true) { c, _, _ in
            try c.close(on: self.today, by: user.name)
            let s = c.summary(on: self.today)
            return (.close, ["eligible": .int(Int64(s.eligible)), "count": .int(Int64(s.signed)), "outstanding": .int(Int64(s.outstanding + s.overdue))])
        }
    }

    /// DIS-3: records the receipt of a cadre's signed paper pledge, dated `signed`. An organizer or a clerk of the
    /// cadre's unit records it (cadres have no accounts); the ledger names who recorded it.
    public func recordPledge(_ id: UUID, cadre: UUID, signed: CivilDay, by user: ActingUser) async throws {
        try await changeCampaign(id, by: user, organizerOnly: false) { c, tree, tx in
            guard let rec = try await CadreRecord.find(cadre, on: tx.db) else { throw InvalidInput(field: "cadre", .notFound(cadre.uuidString)) }
            guard user.isSystem || tree.permits(user, Self.pledgeRecorders, on: rec.unitID) else { throw NotPermitted() }
            try c.record(cadre: cadre, signed: signed, on: self.today, by: user.name)
            return (.record, ["cadre": .string(cadre.uuidString), "signed": .string(signed.description)])
        }
    }

    /// One transition of a campaign with its ledger entry, in one transaction. Only organizers of the campaign's unit
    /// open and close; recording checks the cadre's unit itself (a clerk of a unit below records its cadres).
    private func changeCampaign(_ id: UUID, by user: ActingUser, organizerOnly: Bool,
                                _ change: @escaping @Sendable (inout PledgeCampaign, UnitTree, Transaction) async throws -> (PledgeLedgerAction, [String: LedgerValue])) async throws {
        let now = Int64(ledger.clock.now.timeIntervalSince1970)
        try await write { tx in
            let tree = try await Self.unitTree(on: tx.db)
            let (rec, loaded) = try await Self.loadCampaign(id, tx.db)
            var c = loaded
            if organizerOnly {
                guard user.isSystem || tree.permits(user, [.organizer], on: c.unit) else { throw NotPermitted() }
            } else {
                guard user.isSystem || Self.pledgeReach(user, c.unit, tree).map({ !$0.isEmpty }) ?? true else { throw NotPermitted() }
            }
            let (action, payload) = try await change(&c, tree, tx)
            rec.state = c.state.rawValue; rec.campaign = try Self.json(c); rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: action, subjectType: "pledge-campaign", subjectID: id.uuidString,
                                            payload: payload.merging(["campaign": .string(c.name)]) { a, _ in a }))
        }
    }

    // MARK: what participants are shown

    /// DIS-3: the rules of the open campaign nearest above `unit` (the unit itself, else its parent, …): a campaign
    /// covers its unit and the units below. Public: the participants of a selection read them without an account.
    public func activeDisciplineRules(unit: UUID) async throws -> (name: String, rules: String)? {
        // the open campaigns without their (large) records: the chosen one's rules come from the cache while its row is unchanged
        let open = try await PledgeCampaignRecord.query(on: db).filter(\.$state == PledgeCampaignState.open.rawValue)
            .field(\.$id).field(\.$unitID).field(\.$createdAt).field(\.$updatedAt).all()
        if open.isEmpty { return nil }
        let tree = try await Self.unitTree(on: db)
        var at: UUID? = unit
        var seen = Set<UUID>()
        while let u = at, seen.insert(u).inserted {
            if let r = open.filter({ $0.unitID == u }).max(by: { $0.createdAt < $1.createdAt }), let id = r.id {
                if let hit = DisciplineRulesCache.shared.get(id, version: r.updatedAt) { return hit }
                guard let full = try await PledgeCampaignRecord.find(id, on: db) else { return nil }
                let c = try Self.decode(PledgeCampaign.self, full.campaign)
                DisciplineRulesCache.shared.put(id, version: full.updatedAt, (c.name, c.rules))
                return (c.name, c.rules)
            }
            at = tree.byID[u]?.parentID
        }
        return nil
    }

    /// DIS-3: what the participants of a matter are shown: its plan's discipline and the open campaign's rules.
    public func participantDiscipline(matter: Matter) async throws -> ParticipantDiscipline {
        let active = try await activeDisciplineRules(unit: matter.unitID)
        return ParticipantDiscipline(plan: matter.plan.discipline, campaignName: active?.name, rules: active?.rules)
    }

    /// DIS-3: what the voters of a ballot session are shown: the discipline of the matter the session belongs to (its
    /// recommendation and evaluation votes, or a committee vote), and the open campaign's rules for the matter's unit —
    /// or, for a session of no matter, for the session's unit. Public, like the voting pages.
    public func participantDiscipline(session id: UUID) async throws -> ParticipantDiscipline {
        guard let s = try await BallotSessionRecord.query(on: db).filter(\.$id == id).field(\.$id).field(\.$unitID).first() else { return ParticipantDiscipline() }
        let key = id.uuidString
        var matterID = try await MatterRecord.query(on: db).filter(\.$sessions ~~ key).field(\.$id).first()?.id
        if matterID == nil {
            matterID = try await CommitteeMeetingRecord.query(on: db).filter(\.$votes ~~ key).field(\.$id).field(\.$matterID).first()?.matterID
        }
        if let m = matterID, let rec = try await MatterRecord.find(m, on: db) {
            return try await participantDiscipline(matter: try Self.decode(Matter.self, rec.state))
        }
        let active = try await activeDisciplineRules(unit: s.unitID)
        return ParticipantDiscipline(campaignName: active?.name, rules: active?.rules)
    }
}

/// The rules of open pledge campaigns, keyed by the row and its `updated_at`: immutable entries (a changed row has a
/// new key), so processes never disagree. Saves decoding a campaign's whole record (every cadre's pledge) on each
/// voting and registration page.
final class DisciplineRulesCache: Sendable {
    static let shared = DisciplineRulesCache()
    private let entries = Mutex<[UUID: (version: Int64, value: (name: String, rules: String))]>([:])
    func get(_ id: UUID, version: Int64) -> (name: String, rules: String)? {
        entries.withLock { e in e[id].flatMap { $0.version == version ? $0.value : nil } }
    }
    func put(_ id: UUID, version: Int64, _ value: (name: String, rules: String)) {
        entries.withLock { e in if e.count > 1000 { e.removeAll() }; e[id] = (version, value) }
    }
}
