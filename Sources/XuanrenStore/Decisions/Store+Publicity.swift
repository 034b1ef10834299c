import FluentKit
import Foundation
import SQLKit
import SelectionCore
import Synchronization

/// Pre-appointment publicity, reports, the talk and the appointment (PUB-1…4, CAS-3), then probation (PRB-1, PRB-2).
/// One `Publicity` value per person the committee chose; the appointment updates the registry file and starts the
/// probation in the same transaction.
extension Store {
    /// The default of how to report during publicity (PUB-1), shown on the form and the notice.
    public static let defaultReportChannel = "来信来电来访：县委组织部干部监督室；举报电话12380；举报网站 www.12380.gov.cn"

    // MARK: Facts and views

    /// Everyone chosen in the matter's closed meetings, in the order they were decided.
    static func chosenPeople(_ matter: UUID, _ db: any Database) async throws -> [(person: UUID, item: String)] {
        try chosenPeople(in: try await meetings(matter, db))
    }

    /// The same, from meetings already read.
    static func chosenPeople(in meetings: [CommitteeMeetingRecord]) throws -> [(person: UUID, item: String)] {
        var out: [(UUID, String)] = []
        for r in meetings where r.closed {
            let m = try decode(CommitteeMeeting.self, r.state)
            for item in m.items { for c in item.chosen { if let id = UUID(uuidString: c) { out.append((id, item.id)) } } }
        }
        return out
    }

    /// The facts of the decision stages' guards (`StageFacts.decisions`), read in the caller's transaction.
    func decisionFacts(_ rec: MatterRecord, _ matter: Matter, _ db: any Database) async throws -> DecisionFacts {
        let meetings = try await Self.meetings(rec.id!, db)
        var d = DecisionFacts(meetings: meetings.count, openMeeting: meetings.contains { !$0.closed })
        let decided = try Self.decidedSeats(meetings)
        for p in matter.plan.positions where (decided.filled[p.id] ?? 0) + (decided.vacant[p.id] ?? 0) < p.posts {
            d.undecidedPosts.append(p.unitName + p.post)
        }
        let chosen = try Self.chosenPeople(in: meetings)
        if chosen.isEmpty { return d }
        let ids = chosen.map(\.person)
        let people = Dictionary(try await MatterPersonRecord.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let pubs = Dictionary(try await PublicityRecord.query(on: db).filter(\.$matterID == rec.id!).all().map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
        let probs = Dictionary(try await ProbationRecord.query(on: db).filter(\.$matterID == rec.id!).all().map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
        for c in chosen {
            d.appointees.append(.init(name: people[c.person]?.name ?? c.person.uuidString,
                                      publicity: try pubs[c.person].map { try Self.decode(Publicity.self, $0.state) },
                                      probation: try probs[c.person].map { try Self.decode(Probation.self, $0.state) },
                                      held: try people[c.person].map { try Self.openHolds($0) } ?? false))
        }
        return d
    }

    /// CAS-3: whether the person has an open hold (set at any stage, e.g. a report against them).
    static func openHolds(_ p: MatterPersonRecord) throws -> Bool {
        try decode(PersonGates.self, p.gates).holds.contains(where: \.isOpen)
    }

    static func requireNoHold(_ p: MatterPersonRecord, _ stage: StageKind) throws {
        if try openHolds(p) {
            throw MatterError.guardFailed(stage, [Refusal("CAS-3", zh: "\(p.name)：有暂停事项（举报核查中），须解除后方可继续", en: "\(p.name): on hold (a report is being looked into); it must be lifted first")])
        }
    }

    /// The people the committee chose, with their publicity, appointment and probation (organizers, supervisors
    /// and the team read the matter; clerks of the unit read this list to enter reports).
    public func appointees(matter id: UUID, by user: ActingUser) async throws -> [AppointeeView] {
        guard let rec = try await MatterRowSQL.load(id, db) else { throw InvalidInput(field: "matter", .notFound(id.uuidString)) }
        let access = try await reportAccess(rec, user, db)
        // a report's content is for those who look into it (organizers and supervisors); clerks and the team see
        // that it came, when, and its state (CAS-2)
        let readsReports = user.isSystem || access?.manages == true || access?.supervises == true
        let matter = try Self.decode(Matter.self, rec.state)
        let people = try await matterPeople(rec, matter, db)
        let pubs = Dictionary(try await PublicityRecord.query(on: db).filter(\.$matterID == id).all().map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
        let probs = Dictionary(try await ProbationRecord.query(on: db).filter(\.$matterID == id).all().map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [AppointeeView] = []
        for c in try await Self.chosenPeople(id, db) {
            guard let p = people.first(where: { $0.id == c.person }) else { continue }
            let position = matter.plan.positions.first { $0.id == c.item }
            let pub = pubs[c.person], prob = probs[c.person]
            out.append(AppointeeView(person: p, positionPost: position.map { $0.unitName + $0.post } ?? c.item,
                                     publicity: try pub.map { let p = try Self.decode(Publicity.self, $0.state); return readsReports ? p : p.redacted("（内容仅组织部门、纪检监察可见 · withheld）") },
                                     details: try pub.map { try Self.decode(PublicityDetails.self, $0.details) },
                                     probationID: prob?.id, probation: try prob.map { try Self.decode(Probation.self, $0.state) },
                                     former: try prob.map { try Self.decode(FormerLevel.self, $0.former) }))
        }
        return out
    }

    /// The publicity page: organizers, supervisors and the team of the matter, and clerks of its unit (who enter
    /// reports); everyone else is refused.
    public func publicityOverview(matter id: UUID, by user: ActingUser) async throws -> PublicityOverview {
        guard let rec = try await MatterRowSQL.load(id, db) else { throw InvalidInput(field: "matter", .notFound(id.uuidString)) }
        let access = try await reportAccess(rec, user, db)
        let matter = try Self.decode(Matter.self, rec.state)
        let list = try await appointees(matter: id, by: user)
        var waiting: [Refusal] = []
        if access?.manages == true || access?.supervises == true, matter.phase == .running, let current = matter.current {
            waiting = matter.waitingFor(try await stageFacts(rec, matter, day: today, db, only: Set([current, matter.next].compactMap { $0 })))
        }
        return PublicityOverview(matter: matter, unitName: try await UnitRecord.find(rec.unitID, on: db)?.name ?? "", appointees: list,
                                 manages: access?.manages == true, resolves: access?.manages == true || access?.supervises == true, waitingFor: waiting)
    }

    /// Who may enter a report during publicity: organizers and supervisors of the matter's unit, and its clerks
    /// (calls, letters and visits, CAS-1). Returns the reader's matter access (nil for a clerk).
    func reportAccess(_ rec: MatterRecord, _ user: ActingUser, _ db: any Database) async throws -> MatterAccess? {
        if let a = try await Self.matterAccess(user, unitID: rec.unitID, matterID: rec.id, db) { return a }
        if !user.isSystem, try await Self.unitTree(on: db).roles(of: user, on: rec.unitID).contains(.clerk) { return nil }
        throw NotPermitted()
    }

    /// The holiday calendar: the shipped years, with the years an administrator added (an added year replaces a
    /// shipped one of the same number).
    public func holidayCalendar() async throws -> HolidayCalendar {
        try await Self.holidayCalendar(holidays, db)
    }

    static func holidayCalendar(_ base: HolidayCalendar, _ db: any Database) async throws -> HolidayCalendar {
        var years = base.years
        for r in try await CalendarYearRecord.query(on: db).all() {
            if let y = try HolidayCalendar.parse(r.data).years[r.year] { years[r.year] = y }
        }
        return try HolidayCalendar(years: Array(years.values))
    }

    // MARK: PUB-1

    /// PUB-1: publishes the publicity of a person the committee chose, on `published`, for the plan's length (in
    /// working days from the holiday calendar, or calendar days); refused when the period reaches a year the
    /// calendar has no data for. The notice (name, age, unit, résumé, proposed post, how to report) goes to the
    /// public disclosure page with its end day.
    public func publishPublicity(matter id: UUID, person: UUID, published: CivilDay, channel: String, rank: String, by user: ActingUser) async throws {
        let channel = channel.trimmingCharacters(in: .whitespacesAndNewlines), rank = rank.trimmingCharacters(in: .whitespacesAndNewlines)
        if channel.isEmpty { throw InvalidInput(field: "channel", .required) }
        if channel.count > 300 { throw InvalidInput(field: "channel", .tooLong(max: 300)) }
        if rank.count > 30 { throw InvalidInput(field: "rank", .tooLong(max: 30)) }
        // the notice goes up now: a publicity dated earlier would have run before anyone could read it
        if published != today {
            throw InvalidInput(field: "published", .described(zh: "公示发布日期应为今天（\(today)）：公示自发布之日起公开", en: "the publicity is published today (\(today)): it runs from when people can read it"))
        }
        let now = nowSeconds
        let base = holidays
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(id, user, tx.db) { $0.manages }
            try matter.require(.publicity)
            guard let c = try await Self.chosenPeople(id, tx.db).first(where: { $0.person == person }),
                  let p = try await MatterPersonRecord.find(person, on: tx.db), p.matterID == id else {
                throw InvalidInput(field: "person", .described(zh: "只能公示经会议表决确定的人选", en: "only a person the committee chose can be published"))
            }
            if try await PublicityRecord.query(on: tx.db).filter(\.$personID == person).first() != nil { throw InvalidInput(field: "person", .duplicate(p.name)) }
            try Self.requireNoHold(p, .publicity)
            guard let position = matter.plan.positions.first(where: { $0.id == c.item }) else { throw InvalidInput(field: "position", .notFound(c.item)) }
            let calendar = try await Self.holidayCalendar(base, tx.db)
            let pub = try Publicity.start(person: p.name, post: position.unitName + position.post, published: published, settings: matter.plan.settings, calendar: calendar)
            var details = PublicityDetails(unit: "", age: "", resume: "", channel: channel, rank: rank, post: position.unitName + position.post)
            if let cadre = p.cadreID, let cr = try await CadreRecord.find(cadre, on: tx.db) {
                let file = try await Self.storedFile(cr, on: tx.db)
                details.resume = file.resume
                details.unit = file.currentPost
                if let birth = file.birthMonth { details.age = "\(birth.wholeYears(until: published.yearMonth))" }
                if rank.isEmpty { details.rank = "" }
            }
            let r = PublicityRecord()
            r.id = UUID(); r.matterID = id; r.personID = person; r.state = try Self.json(pub); r.details = try Self.json(details)
            r.createdAt = now; r.updatedAt = now
            try await r.create(on: tx.db)
            var lines = [MatterNote.Field("name", p.name)]
            if !details.age.isEmpty { lines.append(.init("age", details.age + "岁")) }
            if !details.unit.isEmpty { lines.append(.init("unit", details.unit)) }
            lines.append(.init("post", details.post))
            if !details.resume.isEmpty { lines.append(.init("resume", details.resume)) }
            lines.append(.init("period", "\(published.text(in: .zhHans))至\(pub.ends.text(in: .zhHans))（\(pub.length)个\(pub.inWorkingDays ? "工作日" : "日")）"))
            lines.append(.init("channel", channel))
            try await self.addItem(.publicity, to: rec, matter, lines: lines, ends: pub.ends, at: now, tx.db, scope: .everyone, title: "任前公示：\(p.name)（拟任\(details.post)）")
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: DecisionLedgerAction.publicity, subjectType: "matter", subjectID: id.uuidString,
                                            payload: ["person": .string(person.uuidString), "published": .string(published.description), "ends": .string(pub.ends.description),
                                                      "length": .int(Int64(pub.length)), "unit": .string(pub.inWorkingDays ? "working-days" : "calendar-days")]))
        }
    }

    /// Loads a person's publicity in a transaction, checks the reader, applies `change` and saves it with a ledger
    /// entry about the matter.
    func changePublicity(_ id: UUID, _ person: UUID, by user: ActingUser, action: DecisionLedgerAction, payload: [String: LedgerValue],
                         allowed: @escaping @Sendable (MatterAccess?) -> Bool,
                         _ change: @escaping @Sendable (inout Publicity, PublicityRecord, MatterRecord, Matter, Transaction) async throws -> [String: LedgerValue]) async throws {
        let now = nowSeconds
        try await write { tx in
            guard let rec = try await MatterRowSQL.load(id, tx.db) else { throw InvalidInput(field: "matter", .notFound(id.uuidString)) }
            let access = try await self.reportAccess(rec, user, tx.db)
            guard allowed(access) else { throw NotPermitted() }
            let matter = try Self.decode(Matter.self, rec.state)
            guard matter.phase == .running else { throw MatterError.wrongPhase(matter.phase) }
            guard let r = try await PublicityRecord.query(on: tx.db).filter(\.$personID == person).first(), r.matterID == id else {
                throw InvalidInput(field: "person", .described(zh: "此人尚未公示", en: "this person's publicity has not been published"))
            }
            var pub = try Self.decode(Publicity.self, r.state)
            let extra = try await change(&pub, r, rec, matter, tx)
            r.state = try Self.json(pub)
            r.updatedAt = now
            try await r.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            var p = payload.merging(extra) { _, b in b }
            p["person"] = .string(person.uuidString)
            try await tx.record(LedgerEvent(actor: user.name, action: action, subjectType: "matter", subjectID: id.uuidString, payload: p))
        }
    }

    // MARK: PUB-2, CAS-3

    /// PUB-2: a report received during publicity (a clerk enters calls, letters and visits): it holds the
    /// appointment until cleared. Returns the report's number.
    @discardableResult
    public func receivePublicityReport(matter id: UUID, person: UUID, received: CivilDay, summary: String, by user: ActingUser) async throws -> String {
        if summary.count > 10_000 { throw InvalidInput(field: "summary", .tooLong(max: 10_000)) }
        let received = try pastDay(received, field: "received")
        let number = Mutex<String>("")
        try await changePublicity(id, person, by: user, action: .report, payload: ["received": .string(received.description), "summary_hmac": .string(textDigest(summary))],
                                  allowed: { _ in true }) { pub, _, _, _, _ in
            let n = "R\(pub.reports.count + 1)"
            try pub.receiveReport(id: n, on: received, summary: summary, enteredBy: user.name)
            number.withLock { $0 = n }
            return ["report": .string(n)]
        }
        return number.withLock { $0 }
    }

    /// PUB-2: a report looked into: `affecting` (verified and affecting: the qualification is cancelled) or cleared
    /// (the hold lifted). Organizers and supervisors of the unit.
    public func resolvePublicityReport(matter id: UUID, person: UUID, report: String, affecting: Bool, reason: String, on day: CivilDay, by user: ActingUser) async throws {
        if reason.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        let day = try pastDay(day, field: "day")
        try await changePublicity(id, person, by: user, action: affecting ? .reportConfirm : .reportClear,
                                  payload: ["report": .string(report), "reason_hmac": .string(textDigest(reason))],
                                  allowed: { $0?.manages == true || $0?.supervises == true }) { pub, _, _, _, _ in
            if affecting { try pub.confirmReport(report, reason: reason, by: user.name, on: day) } else { try pub.clearReport(report, reason: reason, by: user.name, on: day) }
            return [:]
        }
    }

    // MARK: PUB-4, PUB-3

    /// PUB-4: the pre-appointment talk (collective or individual, with the named officials).
    public func recordPreAppointmentTalk(matter id: UUID, person: UUID, day: CivilDay, officials: [String], form: PreAppointmentTalk.Form, by user: ActingUser) async throws {
        let day = try pastDay(day, field: "day")
        if officials.joined().count > 300 { throw InvalidInput(field: "officials", .tooLong(max: 300)) }
        try await changePublicity(id, person, by: user, action: .talk, payload: ["day": .string(day.description), "form": .string(form.rawValue), "officials": .int(Int64(officials.count))],
                                  allowed: { $0?.manages == true }) { pub, _, _, _, _ in
            try pub.recordTalk(PreAppointmentTalk(day: day, officials: officials, form: form))
            return [:]
        }
    }

    /// PUB-3: the appointment with its document, once publicity is over, no report is open and the talk was held
    /// (matter in its appointment stage). In the same transaction: the registry file gets the new post, rank and
    /// résumé line; the result is published; the probation (PRB-1, the plan's months) starts.
    public func appoint(matter id: UUID, person: UUID, day: CivilDay, document: String, by user: ActingUser) async throws {
        if document.count > 200 { throw InvalidInput(field: "document", .tooLong(max: 200)) }
        let day = try pastDay(day, field: "day")
        let now = nowSeconds
        try await changePublicity(id, person, by: user, action: .appoint, payload: ["day": .string(day.description), "document_hmac": .string(textDigest(document))],
                                  allowed: { $0?.manages == true }) { pub, r, rec, matter, tx in
            try matter.require(.appointment)
            try pub.appoint(on: day, document: document, by: user.name)
            let details = try Self.decode(PublicityDetails.self, r.details)
            guard let p = try await MatterPersonRecord.find(person, on: tx.db) else { throw InvalidInput(field: "person", .notFound(person.uuidString)) }
            try Self.requireNoHold(p, .appointment)
            let position = matter.plan.positions.first { $0.id == p.positionID }
            var extra: [String: LedgerValue] = [:]
            var former = FormerLevel(post: "", rank: "", unit: nil, rankSince: nil)
            if let cadre = p.cadreID, let cr = try await CadreRecord.find(cadre, on: tx.db) {
                let file = try await Self.storedFile(cr, on: tx.db)
                former = FormerLevel(post: file.currentPost, rank: file.rank, unit: cr.unitID, rankSince: file.rankSince)
                let updated = AppointmentFile.appointing(file, post: details.post, rank: details.rank, on: day)
                let settings = try await self.using(tx.db).registrySettings()
                _ = try await Self.save(updated, unitID: position?.unitID ?? cr.unitID, id: cadre, settings: settings, actor: user.name, scope: nil, tx: tx)
                extra["cadre"] = .string(cadre.uuidString)
            }
            try await self.addItem(.appointment, to: rec, matter, lines: [.init("name", p.name), .init("post", details.post), .init("day", day.text(in: .zhHans))],
                                   ends: nil, at: now, tx.db, scope: .everyone, title: "任职：\(p.name)任\(details.post)")
            let months = matter.plan.settings.probationMonths
            if months > 0 {
                let prob = try Probation(person: p.name, post: details.post, former: former.text.isEmpty ? "原职级" : former.text, start: day, months: months)
                let pr = ProbationRecord()
                pr.id = UUID(); pr.matterID = id; pr.personID = person; pr.unitID = position?.unitID ?? rec.unitID; pr.cadreID = p.cadreID
                pr.state = try Self.json(prob); pr.ends = prob.ends.description; pr.concluded = false; pr.former = try Self.json(former)
                pr.createdAt = now; pr.updatedAt = now
                try await pr.create(on: tx.db)
                try await tx.record(LedgerEvent(actor: user.name, action: DecisionLedgerAction.probationStart, subjectType: "matter", subjectID: id.uuidString,
                                                payload: ["person": .string(person.uuidString), "start": .string(day.description), "ends": .string(prob.ends.description), "months": .int(Int64(months))]))
            }
            return extra
        }
    }

    // MARK: PRB-1, PRB-2

    /// PRB-2: the probationers of the units the reader organizes or supervises, soonest end first, with where each
    /// stands on `today` (reminders from `reminderDays` before the end).
    public func probationers(by user: ActingUser, includeConcluded: Bool = false) async throws -> [ProbationerRow] {
        let tree = try await Self.unitTree(on: db)
        let units = user.isSystem ? Set(tree.units.map(\.id)) : Set(tree.units.map(\.id).filter { tree.permits(user, [.organizer, .supervisor], on: $0) })
        if units.isEmpty { return [] }
        var q = ProbationRecord.query(on: db).filter(\.$unitID ~~ Array(units))
        if !includeConcluded { q = q.filter(\.$concluded == false) }
        let rows = try await q.sort(\.$ends).limit(2000).all()
        let names = Dictionary(tree.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var titles: [UUID: String] = [:]
        var out: [ProbationerRow] = []
        for r in rows {
            if titles[r.matterID] == nil, let m = try await MatterRowSQL.load(r.matterID, db) {
                titles[r.matterID] = m.title
            }
            let p = try Self.decode(Probation.self, r.state)
            out.append(ProbationerRow(id: r.id!, matterID: r.matterID, matterTitle: titles[r.matterID] ?? "", unitName: names[r.unitID] ?? "",
                                      probation: p, status: p.status(on: today)))
        }
        return out
    }

    /// PRB-1: the assessment at the end of probation, with the staff-meeting report: pass (formal appointment),
    /// basic pass (extended six months, once), fail (cancelled: the registry file returns to the former level).
    public func concludeProbation(_ probationID: UUID, outcome: ProbationOutcome, report: String, on day: CivilDay, by user: ActingUser) async throws {
        if report.count > 2000 { throw InvalidInput(field: "staffReport", .tooLong(max: 2000)) }
        let day = try pastDay(day, field: "day")
        let now = nowSeconds
        try await write { tx in
            guard let r = try await ProbationRecord.find(probationID, on: tx.db) else { throw InvalidInput(field: "probation", .notFound(probationID.uuidString)) }
            let (rec, matter, _) = try await Self.loadMatter(r.matterID, user, tx.db) { $0.manages }
            // a procedure with a probation stage concludes it there; one without (a custom procedure) concludes the
            // probation the appointment started after the matter has finished
            if matter.stages.contains(where: { $0.kind == .probation }) { try matter.require(.probation) }
            var p = try Self.decode(Probation.self, r.state)
            try p.conclude(outcome, report: report, on: day)
            var payload: [String: LedgerValue] = ["person": .string(r.personID.uuidString), "outcome": .string(outcome.rawValue), "day": .string(day.description),
                                                  "ends": .string(p.ends.description), "report_hmac": .string(self.textDigest(report))]
            if outcome == .fail, let cadre = r.cadreID, let cr = try await CadreRecord.find(cadre, on: tx.db) {
                let former = try Self.decode(FormerLevel.self, r.former)
                let file = try await Self.storedFile(cr, on: tx.db)
                let back = AppointmentFile.returning(file, to: former.post, rank: former.rank, rankSince: former.rankSince ?? file.rankSince, on: day,
                                                     note: "（试用期满考核不合格，回到原职级）")
                let settings = try await self.using(tx.db).registrySettings()
                _ = try await Self.save(back, unitID: former.unit ?? cr.unitID, id: cadre, settings: settings, actor: user.name, scope: nil, tx: tx)
                payload["cadre"] = .string(cadre.uuidString)
            }
            r.state = try Self.json(p); r.ends = p.ends.description; r.concluded = p.final != nil; r.updatedAt = now
            try await r.save(on: tx.db)
            rec.updatedAt = now
            try await rec.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: DecisionLedgerAction.probationConclude, subjectType: "matter", subjectID: r.matterID.uuidString, payload: payload))
        }
    }

    // MARK: Calendar years

    /// PUB-1: an administrator adds holiday calendar years (a `xuanren.holiday-calendar/1` document, e.g. the next
    /// year's State Council notice); an added year replaces an earlier added or shipped one. Returns the years added.
    @discardableResult
    public func addCalendarYears(_ text: String, by user: ActingUser) async throws -> [Int] {
        guard user.isSystem || user.roles.contains(.admin) else { throw NotPermitted() }
        if text.utf8.count > 200_000 { throw InvalidInput(field: "file", .tooLong(max: 200_000)) }
        let parsed = try HolidayCalendar.parse(text)
        let years = parsed.coveredYears
        if years.isEmpty { throw InvalidInput(field: "file", .described(zh: "文件中没有年份数据", en: "the file holds no year")) }
        let now = nowSeconds
        try await write { tx in
            for y in years {
                let existing = try await CalendarYearRecord.query(on: tx.db).filter(\.$year == y).first()
                let r = existing ?? CalendarYearRecord()
                if existing == nil { r.id = UUID() }
                r.year = y; r.data = text; r.addedBy = user.name; r.addedAt = now
                try await r.save(on: tx.db)
                try await tx.record(LedgerEvent(actor: user.name, action: DecisionLedgerAction.calendarYear, subjectType: "calendar", subjectID: "\(y)",
                                                payload: ["year": .int(Int64(y)), "sha256": .string(Digest.sha256Hex(text)), "replaced": .bool(existing != nil),
                                                          "notice": .string(parsed.years[y]?.notice.title ?? "")]))
            }
        }
        return years
    }

    /// The years of the calendar, each with where it comes from (shipped, or added by whom and when).
    public func calendarYears() async throws -> [(year: Int, notice: String, addedBy: String?, addedAt: Int64?)] {
        let added = try await CalendarYearRecord.query(on: db).all()
        let cal = try await holidayCalendar()
        return cal.coveredYears.map { y in
            let a = added.first { $0.year == y }
            return (y, cal.years[y]?.notice.title ?? "", a?.addedBy, a?.addedAt)
        }
    }
}
