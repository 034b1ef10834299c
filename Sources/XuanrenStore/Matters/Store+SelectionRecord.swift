import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// LED-1, LED-3: one person, one table (一人一表); one matter, one record (一事一记). Read from the ledger itself — the
/// matter's entries, those of the ballot sessions it created and, for a person with a registry file, that file's —
/// and put beside the records the store keeps, as the reader may see them (`matterView`: talk contents for the team
/// and supervisors, recommenders for organizers and supervisors).
extension Store {
    /// One person's table: every entry about them, and every entry about the whole matter (its plan, stages, votes,
    /// team and notice), in order. Scoped as the matter: `NotPermitted` unless `user` organizes or supervises its unit
    /// or is on its team; `InvalidInput` (`person`) when the person is not in the matter.
    public func personTable(matter id: UUID, person: UUID, in language: Language, by user: ActingUser) async throws -> SelectionRecord {
        try await selectionRecord(matter: id, person: person, in: language, by: user)
    }

    /// The matter's record: every entry of the matter and of the ballot sessions it created, in order, grouped by stage.
    public func matterRecord(matter id: UUID, in language: Language, by user: ActingUser) async throws -> SelectionRecord {
        try await selectionRecord(matter: id, person: nil, in: language, by: user)
    }

    func selectionRecord(matter id: UUID, person personID: UUID?, in lang: Language, by user: ActingUser) async throws -> SelectionRecord {
        let v = try await matterView(id, by: user)   // refuses whoever may not read the matter; withholds what they may not read
        let zh = lang == .zhHans
        let positions = Dictionary(v.matter.plan.positions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func positionLabel(_ pid: String) -> String { positions[pid].map { "\($0.unitName) \($0.post)" } ?? pid }
        let people = v.people.map { p in
            SelectionRecord.Person(id: p.id, name: p.name, position: positionLabel(p.positionID), cadreID: p.cadreID, status: Self.status(p, lang))
        }
        var person: SelectionRecord.Person?
        if let personID {
            guard let p = people.first(where: { $0.id == personID }) else { throw InvalidInput(field: "person", .notFound(personID.uuidString)) }
            person = p
        }
        let names = Dictionary(v.people.map { ($0.id.uuidString, $0.name) }, uniquingKeysWith: { a, _ in a })
        let tree = try await Self.unitTree(on: db)

        // the records as stored (for the digests; what is shown comes from `v`, which withholds)
        let rawPeople = Dictionary(try await MatterPersonRecord.query(on: db).filter(\.$matterID == id).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let rawNotes = Dictionary(try await MatterNoteRecord.query(on: db).filter(\.$matterID == id).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let items = try await MatterItemRecord.query(on: db).filter(\.$matterID == id).all()

        // the entries: the matter's, its ballot sessions' (for a person, those they stood in), the person's file's
        var entries = try await entriesAbout("matter", id.uuidString)
        // the committee's meetings (attendance, opinions, votes) are for those who read them — organizers and
        // supervisors here; a reader by the inspection team alone does not see them (DEC, as the committee page)
        let readsCommittee = user.isSystem || v.access.manages || v.access.supervises
        if !readsCommittee {
            let committeeActions: Set<String> = [DecisionLedgerAction.meetingOpen, .attendance, .itemAdd, .present, .opinion, .deferItem, .ballot, .vote, .vacancy, .meetingClose].map(\.rawValue).reduce(into: []) { $0.insert($1) }
            entries.removeAll { committeeActions.contains($0.action) }
        }
        var sessions: [String: BallotSessionInfo] = [:]
        // the committee's secret votes held with voting codes (DEC-4) are the matter's sessions too
        var committeeVotes: [UUID] = []
        if readsCommittee {
            for m in try await Self.meetings(id, db) { committeeVotes += (try? Self.decode([CommitteeBallot].self, m.votes))?.map(\.session) ?? [] }
        }
        for sid in [v.sessions.meeting, v.sessions.talk, v.sessions.evaluation].compactMap({ $0 }) + committeeVotes {
            guard let info = try await ballotSession(sid) else { continue }
            sessions[sid.uuidString] = info
            if let person, !info.box.candidates.contains(where: { $0.name == person.name }) { continue }
            entries += try await entriesAbout("ballot_session", sid.uuidString)
        }
        var registryWithheld = false
        var cadreFileHash: String?
        if let person, let cadreID = person.cadreID, let cadre = try await CadreRecord.find(cadreID, on: db) {
            if user.isSystem || tree.permits(user, RegistryScope.readers, on: cadre.unitID) {
                entries += try await entriesAbout("cadre", cadreID.uuidString)
                let row = try await (db as! any SQLDatabase).raw("SELECT file_json FROM cadre_files WHERE cadre_id = \(bind: cadreID)").first()
                cadreFileHash = try row.map { Self.sha256(try $0.decode(column: "file_json", as: String.self)) }
            } else {
                registryWithheld = true
            }
        }
        entries.sort { $0.seq < $1.seq }

        // a person's table: what is about them or about everyone, not what is about someone else
        let payloads = Dictionary(entries.map { ($0.seq, Dictionary(LedgerCatalog.payload($0.payload), uniquingKeysWith: { a, _ in a })) }, uniquingKeysWith: { a, _ in a })
        func string(_ e: LedgerEntry, _ key: String) -> String? { if case .string(let s)? = payloads[e.seq]?[key] { return s }; return nil }
        if let person {
            entries = entries.filter { e in
                guard e.subjectType == "matter" else { return true }
                if let p = string(e, "person") { return p == person.id.uuidString }
                // a comparison of candidates belongs to its position's people
                if let n = string(e, "note").flatMap(UUID.init(uuidString:)), let note = rawNotes[n], note.kind == MatterNoteKind.comparison.rawValue {
                    return Self.note(note).value("position") == v.people.first { $0.id == person.id }?.positionID
                }
                return true
            }
        }

        // which entry last changed each record: an earlier one describes a state the store no longer keeps
        var latest: [String: Int64] = [:]
        for e in entries where e.subjectType == "matter" {
            guard let action = MatterLedgerAction(rawValue: e.action) else { continue }
            let p = string(e, "person") ?? ""
            switch action {
            case .revise, .publish, .amend: latest["plan"] = e.seq
            case .nominate, .review: latest["review|\(p)"] = e.seq
            case .target: latest["target|\(p)"] = e.seq
            case .gate: latest["gate|\(p)|\(string(e, "gate") ?? "")"] = e.seq
            case .override: latest["override|\(p)|\(string(e, "gate") ?? "")"] = e.seq
            case .outcome: latest["outcome|\(string(e, "stage") ?? "")"] = e.seq
            case .talk, .record, .opinion:
                if let n = string(e, "note") { latest["note|\(n)"] = e.seq } else if payloads[e.seq]?["scores"] != nil { latest["scores|\(p)"] = e.seq }
            default: break
            }
        }
        for e in entries where e.subjectType == "cadre" && (e.action == RegistryLedgerAction.cadreCreate.rawValue || e.action == RegistryLedgerAction.cadreUpdate.rawValue) {
            latest["file"] = e.seq
        }
        func newest(_ key: String, _ e: LedgerEntry) -> Int64? { latest[key].flatMap { $0 > e.seq ? $0 : nil } }
        func digestCheck(_ e: LedgerEntry, _ key: String, _ stored: String?) -> SelectionRecord.Check? {
            guard let recorded = string(e, key) else { return nil }
            return textDigest(stored ?? "") == recorded ? .matches : .differs
        }
        func both(_ a: SelectionRecord.Check?, _ b: SelectionRecord.Check?) -> SelectionRecord.Check? {
            if a == .differs || b == .differs { return .differs }
            return a ?? b
        }
        var boxChecks: [String: SelectionRecord.Check] = [:]
        for (sid, info) in sessions where info.status == .closed {
            boxChecks[sid] = try await checkStoredBox(info.id) == .ok ? .matches : .differs
        }

        // who acted, by name
        let actorNames = Set(entries.map(\.actor))
        let accounts = try await AccountRecord.query(on: db).filter(\.$username ~~ Array(actorNames)).all()
        let displayNames = Dictionary(accounts.map { ($0.username, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        func actor(_ name: String) -> String {
            if let d = displayNames[name] { return d == name ? name : "\(d)（\(name)）" }
            switch name {
            case "voter": return zh ? "投票人（匿名）" : "voter (anonymous)"
            case "system": return zh ? "系统" : "system"
            case "cli": return zh ? "命令行" : "command line"
            case "demo": return zh ? "演示数据" : "demo data"
            default: return name
            }
        }

        // the payload in words
        func value(_ key: String, _ raw: LedgerValue) -> String {
            guard case .string(let s) = raw else { return LedgerCatalog.text(of: raw, key: key, in: lang) }
            switch key {
            case "person": return names[s] ?? String(s.prefix(8))
            case "cadre": return v.people.first { $0.cadreID?.uuidString == s }?.name ?? String(s.prefix(8))
            case "position": return positionLabel(s)
            case "channel": return NominationChannel(rawValue: s)?.title(in: lang) ?? s
            case "stage", "from", "to":
                if s == "finished" { return zh ? "已完成" : "finished" }
                return StageKind(rawValue: s)?.title(in: lang) ?? (s.isEmpty ? "—" : s)
            case "gate": return GateKind(rawValue: s)?.title(in: lang) ?? s
            case "kind": return MatterNoteKind(rawValue: s)?.title(in: lang) ?? MatterItemKind(rawValue: s)?.title(in: lang) ?? Self.ballotKind(s, lang)
            case "procedure": return ProcedureKind(rawValue: s)?.title(in: lang) ?? s
            case "disclosure": return DisclosureScope(rawValue: s)?.title(in: lang) ?? s
            case "meeting", "talk", "evaluation", "pairedWith", "previousRound": return sessions[s]?.title ?? String(s.prefix(8))
            case "note": return String(s.prefix(8))
            case "unit":
                if let u = UUID(uuidString: s) { return tree.units.first { $0.id == u }?.name ?? String(s.prefix(8)) }
                return tree.units.first { $0.code == s }?.name ?? s
            default: return LedgerCatalog.text(of: raw, key: key, in: lang)
            }
        }

        // one line per entry (a run of casts or paper sheets of one session: one line)
        var nominations: [String: Int] = [:], holds: [String: Int] = [:]
        var amendments = 0
        var phase = SelectionRecord.Phase.before
        var sections: [SelectionRecord.Section] = []
        let firstStage = v.matter.stages.first?.kind
        func section(_ ph: SelectionRecord.Phase) -> Int {
            if let i = sections.firstIndex(where: { $0.phase == ph }) { return i }
            sections.append(.init(phase: ph, title: Self.phaseTitle(ph, lang), lines: []))
            return sections.count - 1
        }
        for e in entries {
            let payload = payloads[e.seq] ?? [:]
            let pid = string(e, "person")
            let p = pid.flatMap(UUID.init(uuidString:)).flatMap { id in v.people.first { $0.id == id } }
            var record: [SelectionRecord.Field] = []
            var check: SelectionRecord.Check?
            var confidential = false, withheld = false
            var about: String? = p?.name
            func F(_ zhLabel: String, _ enLabel: String, _ text: String) { if !text.isEmpty { record.append(.init(zh ? zhLabel : enLabel, text)) } }
            func day(_ d: CivilDay?) -> String { d?.description ?? "" }
            func noteLines(_ n: MatterNote) {
                F("记录", "Record", n.kind.title(in: lang) + " · " + n.day.description + " · " + actor(n.by))
                if n.withheld { withheld = true; return }
                confidential = n.kind.confidential
                for f in n.fields where !f.value.isEmpty && f.key != "position" { record.append(.init(Self.noteFieldLabel(f.key, lang), f.value)) }
                if let o = n.opinion {
                    F("征求意见单位", "Body asked", o.body + (o.isIntegrity ? (zh ? "（廉政意见）" : " (integrity opinion)") : ""))
                    F("征求日期", "Requested", day(o.requested)); F("回复期限", "Due", day(o.due))
                    if let a = o.answered {
                        F("回复", "Answer", a.description + " · " + (o.negative ? (zh ? "【有否定意见】" : "[negative] ") : "") + o.answer)
                        F("附件", "Attachment", o.attachment)
                    } else { F("回复", "Answer", zh ? "尚未回复" : "not answered yet") }
                }
            }

            if e.subjectType == "matter", let action = MatterLedgerAction(rawValue: e.action) {
                switch action {
                case .create:
                    phase = .drafting
                    F("事项", "Matter", v.matter.title); F("选拔程序", "Procedure", v.matter.plan.procedure.kind.title(in: lang))
                case .revise, .publish, .amend:
                    if action == .amend {
                        if amendments < v.matter.amendments.count {
                            let a = v.matter.amendments[amendments]
                            F("决定", "Decision", a.decision); F("理由", "Reason", a.reason)
                            F("调整内容", "Changes", (zh ? a.changesZh : a.changesEn).joined(separator: zh ? "；" : "; "))
                            check = digestCheck(e, "reason_hmac", a.reason)
                        }
                        amendments += 1
                    }
                    if action == .publish {
                        F("发布日期", "Published", day(v.matter.published))
                        F("职位", "Positions", v.matter.plan.positions.map { "\($0.unitName) \($0.post)" + (zh ? "（\($0.posts)名）" : " (\($0.posts))") }.joined(separator: zh ? "；" : "; "))
                        F("程序", "Stages", v.matter.plan.procedure.stages.map { $0.title(in: lang) }.joined(separator: " → "))
                    }
                    // the plan's hash is of the plan as it was submitted, not of its stored form: only a later change is said
                    if let later = newest("plan", e) { check = check == .differs ? .differs : .superseded(by: later) }
                case .advance:
                    if let to = string(e, "to") { phase = to == "finished" ? .finished : StageKind(rawValue: to).map { .stage($0) } ?? phase }
                case .outcome:
                    let stage = string(e, "stage").flatMap(StageKind.init(rawValue:))
                    let outcome = v.matter.stages.first { $0.kind == stage }?.outcome
                    F("环节结果", "Outcome", outcome ?? "")
                    if let later = newest("outcome|\(string(e, "stage") ?? "")", e) { check = .superseded(by: later) } else { check = digestCheck(e, "outcome_hmac", outcome) }
                case .cancel:
                    F("终止原因", "Reason", v.matter.cancellation ?? ""); check = digestCheck(e, "reason_hmac", v.matter.cancellation)
                case .nominate:
                    let k = nominations[pid ?? "", default: 0]
                    nominations[pid ?? ""] = k + 1
                    if let p, k < p.nominations.count {
                        let n = p.nominations[k]
                        F("提名渠道", "Channel", n.channel.title(in: lang) + (n.channel.flagged ? "（NOM-3）" : ""))
                        F("推荐人", "Recommender", n.recommender)
                        F("提名", "Nominated", n.on.description + " · " + actor(n.by)); F("备注", "Note", n.note)
                        // the digest is checked on the stored name even where this reader does not see it
                        if let raw = pid.flatMap(UUID.init(uuidString:)).flatMap({ rawPeople[$0] }),
                           let list = try? Self.decode([Nomination].self, raw.nominations), k < list.count {
                            check = digestCheck(e, "recommender_hmac", list[k].recommender)
                        }
                    }
                    if let p, newest("review|\(pid ?? "")", e) == nil { Self.reviewLines(p, lang).forEach { record.append($0) } }
                case .review:
                    if let p, newest("review|\(pid ?? "")", e) == nil { Self.reviewLines(p, lang).forEach { record.append($0) } }
                    else if let later = newest("review|\(pid ?? "")", e) { check = .superseded(by: later) }
                case .consolidate:
                    if let c = v.consolidation {
                        F("汇总", "Consolidated", c.on.description + " · " + actor(c.by)); F("说明", "Note", c.note)
                        check = digestCheck(e, "note_hmac", c.note)
                    }
                case .sessions:
                    for key in ["meeting", "talk", "evaluation"] {
                        guard let sid = string(e, key), let info = sessions[sid] else { continue }
                        F(LedgerCatalog.label(of: key, in: .zhHans), LedgerCatalog.label(of: key, in: .en),
                          info.title + " · " + Self.sessionStatus(info.status, lang))
                    }
                case .target:
                    F("确定理由", "Reason", p?.targetReason ?? "")
                    if let later = newest("target|\(pid ?? "")", e) { check = .superseded(by: later) }
                    else { check = digestCheck(e, "reason_hmac", pid.flatMap(UUID.init(uuidString:)).flatMap { rawPeople[$0]?.targetReason }) }
                case .withdraw:
                    F("退出原因", "Reason", p?.withdrawn ?? "")
                    check = digestCheck(e, "reason_hmac", pid.flatMap(UUID.init(uuidString:)).flatMap { rawPeople[$0]?.withdrawn })
                case .team:
                    F("考察组", "Team", v.team.map { m in
                        let role = (m.leader ? (zh ? "组长，" : "leader, ") : "") + m.background.title(in: lang)
                        return zh ? "\(m.name)（\(role)）" : "\(m.name) (\(role))"
                    }.joined(separator: zh ? "、" : ", "))
                case .notice:
                    if let item = v.items.first(where: { $0.kind == .inspectionNotice }) {
                        for l in item.lines where l.key != "person" || person == nil || l.value.hasPrefix(person!.name + "，") {
                            record.append(.init(Self.noteFieldLabel(l.key, lang), l.value))
                        }
                    }
                case .talk, .record, .opinion:
                    if let n = string(e, "note").flatMap(UUID.init(uuidString:)) {
                        if let note = v.notes.first(where: { $0.id == n }) {
                            noteLines(note)
                            if about == nil, note.kind == .comparison { about = positionLabel(note.value("position")) }
                        }
                        if let later = newest("note|\(n.uuidString)", e) { check = .superseded(by: later) }
                        else if let raw = rawNotes[n] { check = digestCheck(e, "hmac", raw.body) }
                    } else if payload["scores"] != nil, let p {
                        if let later = newest("scores|\(pid ?? "")", e) { check = .superseded(by: later) }
                        else { F("德能勤绩廉评分", "Scores", VirtueItem.allCases.compactMap { i in p.gates.scores[i.rawValue].map { "\(i.title(in: lang)) \($0)" } }.joined(separator: zh ? "，" : ", ")) }
                    }
                case .gate:
                    let gate = string(e, "gate") ?? ""
                    if let later = newest("gate|\(pid ?? "")|\(gate)", e) { check = .superseded(by: later) }
                    else if let p {
                        switch GateKind(rawValue: gate) {
                        case .personalMatters?:
                            if let c = p.gates.personalMatters {
                                F("核查", "Checked", c.date.description); F("结果", "Result", (c.consistent ? (zh ? "一致" : "consistent") : (zh ? "不一致" : "inconsistent"))
                                    + (zh ? "，" : ", ") + c.handling.title(in: lang))
                                F("说明", "Note", c.note)
                            }
                        case .integrityExam?:
                            if let x = p.gates.integrityExam { F("考试", "Exam", x.date.description + (zh ? " · 成绩 " : " · score ") + String(x.score)) }
                        case .priorReport?:
                            F("事前报告文号", "Report reference", p.gates.priorReport ?? "")
                            check = digestCheck(e, "reference_hmac", pid.flatMap(UUID.init(uuidString:)).flatMap { rawPeople[$0] }
                                .flatMap { try? Self.decode(PersonGates.self, $0.gates).priorReport })
                        default: break
                        }
                    }
                case .hold, .holdLift:
                    let index: Int
                    if action == .hold { index = holds[pid ?? "", default: 0]; holds[pid ?? ""] = index + 1 }
                    else if case .int(let i)? = payload["hold"] { index = Int(i) } else { index = -1 }
                    let raw = pid.flatMap(UUID.init(uuidString:)).flatMap { rawPeople[$0] }.flatMap { try? Self.decode(PersonGates.self, $0.gates) }
                    if let p, p.gates.holds.indices.contains(index) {
                        let h = p.gates.holds[index]
                        if action == .hold {
                            F("暂停", "Held", h.on.description + " · " + actor(h.by)); F("理由", "Reason", h.reason)
                            F("状态", "State", h.isOpen ? (zh ? "未解除" : "open") : (zh ? "已解除" : "lifted"))
                            check = digestCheck(e, "reason_hmac", raw?.holds[safe: index]?.reason)
                        } else if let l = h.lifted {
                            F("解除", "Lifted", l.on.description + " · " + actor(l.by)); F("理由", "Reason", l.reason)
                            check = digestCheck(e, "reason_hmac", raw?.holds[safe: index]?.liftedReason)
                        }
                    }
                case .override:
                    let gate = string(e, "gate") ?? ""
                    if let later = newest("override|\(pid ?? "")|\(gate)", e) { check = .superseded(by: later) }
                    else if let p, let o = p.gates.overrides[gate] {
                        F("决定", "Decision", o.decision); F("理由", "Reason", o.reason); F("记录", "Recorded", o.on.description + " · " + actor(o.by))
                        let raw = pid.flatMap(UUID.init(uuidString:)).flatMap { rawPeople[$0] }.flatMap { try? Self.decode(PersonGates.self, $0.gates) }?.overrides[gate]
                        check = both(digestCheck(e, "decision_hmac", raw?.decision), digestCheck(e, "reason_hmac", raw?.reason))
                    }
                case .publishItem:
                    if let kind = string(e, "kind"), let item = items.first(where: { $0.kind == kind }) {
                        F("公开", "Published", Self.item(item, matterTitle: "", unitName: "").kind.title(in: lang) + " · "
                            + (DisclosureScope(rawValue: item.scope)?.title(in: lang) ?? item.scope))
                        for l in (try? Self.decode([MatterNote.Field].self, item.body)) ?? [] { record.append(.init(Self.noteFieldLabel(l.key, lang), l.value)) }
                        if let h = string(e, "sha256") { check = Self.sha256(item.body) == h ? .matches : .differs }
                    }
                }
            } else if e.subjectType == "ballot_session", let info = sessions[e.subjectID] {
                about = info.title
                if e.action == BallotLedgerAction.sessionClosed.rawValue {
                    check = boxChecks[e.subjectID]
                    if let person, let mp = v.people.first(where: { $0.id == person.id }) {
                        let vote: VoteResults = info.id == v.sessions.meeting ? .meeting : info.id == v.sessions.talk ? .talk : .evaluation
                        Self.resultLines(mp, lang, vote).forEach { record.append($0) }
                    }
                }
            } else if e.subjectType == "cadre" {
                about = zh ? "干部档案" : "registry file"
                if e.action == RegistryLedgerAction.cadreCreate.rawValue || e.action == RegistryLedgerAction.cadreUpdate.rawValue {
                    if let later = newest("file", e) { check = .superseded(by: later) }
                    else if let h = string(e, "sha256"), let stored = cadreFileHash { check = h == stored ? .matches : .differs }
                }
            }

            let (d, time) = Self.shanghai(e.at)
            let fields = payload.keys.sorted().compactMap { key -> SelectionRecord.Field? in
                // the person is the line's subject; an empty reference says nothing
                if key == "person" && person != nil { return nil }
                if payload[key] == .null { return nil }
                return .init(LedgerCatalog.label(of: key, in: lang), value(key, payload[key]!))
            }
            let line = SelectionRecord.Line(seq: e.seq, lastSeq: e.seq, entries: 1, at: e.at, day: d, time: time, actor: actor(e.actor), action: e.action,
                                            title: LedgerCatalog.title(of: e.action, in: lang), about: about, fields: fields, record: record,
                                            confidential: confidential, withheld: withheld, check: check)
            // a run of casts (or paper sheets) of one session in one phase is one line
            let i = section(e.subjectType == "matter" && MatterLedgerAction(rawValue: e.action) == .publish ? .drafting : phase)
            if Self.batched.contains(e.action), let last = sections[i].lines.last, last.action == e.action, last.about == about, last.day == d {
                sections[i].lines[sections[i].lines.count - 1] = Self.merge(last, line, lang)
            } else {
                sections[i].lines.append(line)
            }
            if e.subjectType == "matter", MatterLedgerAction(rawValue: e.action) == .publish, let firstStage { phase = .stage(firstStage) }
        }

        let head = try await ledgerHead()
        let checkpoint = try await CheckpointRecord.query(on: db).sort(\.$id, .descending).first()?.id
        return SelectionRecord(
            matterID: id, matterTitle: v.matter.title, unitName: v.unitName, procedure: v.matter.plan.procedure.kind.title(in: lang),
            state: v.matter.phase == .running ? (v.matter.current?.title(in: lang) ?? v.matter.phase.title(in: lang)) : v.matter.phase.title(in: lang),
            person: person, people: people, sections: sections.filter { !$0.lines.isEmpty }, language: lang, printed: today,
            headSeq: head?.seq ?? 0, headHash: head?.hash ?? "", checkpointSeq: checkpoint, readsConfidential: v.access.readsConfidential,
            registryWithheld: registryWithheld)
    }

    /// Every entry about one subject, oldest first.
    func entriesAbout(_ type: String, _ id: String) async throws -> [LedgerEntry] {
        try await LedgerEntryRecord.query(on: db).filter(\.$subjectType == type).filter(\.$subjectID == id).sort(\.$id).all().map(\.entry)
    }

    /// Entries written in batches: a run of them is one line.
    static let batched: Set<String> = [BallotLedgerAction.codeSpent.rawValue, BallotLedgerAction.castRefused.rawValue, BallotLedgerAction.paperEntry.rawValue]

    static func merge(_ a: SelectionRecord.Line, _ b: SelectionRecord.Line, _ lang: Language) -> SelectionRecord.Line {
        var m = a
        m.lastSeq = b.seq; m.entries += b.entries
        // counts add up; other values are listed once each
        var fields = a.fields
        for f in b.fields {
            guard let i = fields.firstIndex(where: { $0.label == f.label }) else { fields.append(f); continue }
            if let x = Int(fields[i].value), let y = Int(f.value) { fields[i].value = String(x + y) }
            else if !fields[i].value.components(separatedBy: lang == .zhHans ? "、" : ", ").contains(f.value) {
                fields[i].value += (lang == .zhHans ? "、" : ", ") + f.value
            }
        }
        m.fields = fields
        return m
    }

    /// The UTC time an entry stores as its Asia/Shanghai day and time of day (`2026-11-29T22:32:14.992Z` → 2026-11-30, 06:32).
    static func shanghai(_ at: String) -> (CivilDay, String) {
        let c = Array(at.utf8)
        func n(_ r: Range<Int>) -> Int? { r.upperBound <= c.count ? Int(String(decoding: c[r], as: UTF8.self)) : nil }
        guard let y = n(0 ..< 4), let mo = n(5 ..< 7), let d = n(8 ..< 10), let h = n(11 ..< 13), let mi = n(14 ..< 16), let s = n(17 ..< 19),
              let day = CivilDay(year: y, month: mo, day: d) else { return (CivilDay(daysSinceEpoch: 0), "") }
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + s)
        let local = (seconds + 8 * 3600) % 86_400
        return (CivilDay(epochSeconds: seconds), String(format: "%02d:%02d", Int(local / 3600), Int(local % 3600 / 60)))
    }

    static func phaseTitle(_ p: SelectionRecord.Phase, _ lang: Language) -> String {
        let zh = lang == .zhHans
        switch p {
        case .before: return zh ? "选任前的档案记录" : "The registry file before the matter"
        case .drafting: return zh ? "制定和发布工作方案" : "Drafting and publishing the plan"
        case .stage(let k): return k.title(in: lang)
        case .finished: return zh ? "选任结束" : "After the last stage"
        }
    }

    static func status(_ p: MatterPerson, _ lang: Language) -> String {
        let zh = lang == .zhHans
        if p.withdrawn != nil { return zh ? "已退出" : "withdrawn" }
        if p.isTarget { return zh ? "考察对象" : "being inspected" }
        switch p.qualified {
        case true?: return zh ? "被提名人，符合任职条件" : "nominee, qualified"
        case false?: return zh ? "被提名人，不符合任职条件" : "nominee, not qualified"
        case nil: return zh ? "被提名人，尚未审查" : "nominee, not checked yet"
        }
    }

    static func sessionStatus(_ s: BallotSessionStatus, _ lang: Language) -> String {
        let zh = lang == .zhHans
        switch s {
        case .draft: return zh ? "未开始" : "not open yet"
        case .open: return zh ? "投票中" : "open"
        case .closed: return zh ? "已计票" : "counted"
        }
    }

    static func ballotKind(_ raw: String, _ lang: Language) -> String {
        let zh = lang == .zhHans
        switch BallotKind(rawValue: raw) {
        case .weightedRecommendation?: return zh ? "加权推荐" : "weighted recommendation"
        case .approval?: return zh ? "表决" : "approval vote"
        case .evaluation?: return zh ? "民主测评" : "democratic evaluation"
        case .election?: return zh ? "直接选举" : "direct election"
        case nil: return raw
        }
    }

    /// ELG-6: the check against the position's conditions, as it stands.
    static func reviewLines(_ p: MatterPerson, _ lang: Language) -> [SelectionRecord.Field] {
        let zh = lang == .zhHans
        guard let review = p.review else { return [.init(zh ? "资格审查" : "Conditions", zh ? "尚未审查" : "not checked yet")] }
        let failed = review.filter { !$0.passed }.map { $0.text(in: lang) }
        return [.init(zh ? "资格审查" : "Conditions", p.qualified == true ? (zh ? "符合任职条件" : "meets the conditions")
                      : (zh ? "不符合：" : "does not meet: ") + failed.joined(separator: zh ? "；" : "; "))]
    }

    /// Which of the matter's votes a closing entry is about.
    enum VoteResults { case meeting, talk, evaluation }

    /// BAL-1, BAL-5, BAL-6: the person's results from one of the matter's votes: the meeting vote's score and rank and
    /// the double majority, the talk recommendation's double majority, the evaluation's consent.
    static func resultLines(_ p: MatterPerson, _ lang: Language, _ vote: VoteResults) -> [SelectionRecord.Field] {
        let zh = lang == .zhHans
        var out: [SelectionRecord.Field] = []
        if vote != .evaluation {
            if vote == .meeting, let s = p.recommendationScore {
                out.append(.init(zh ? "推荐得分" : "Recommendation score", String(format: "%.4f", s) + (p.recommendationRank.map { zh ? "，第\($0)名" : ", rank \($0)" } ?? "")))
            }
            if let dm = p.doubleMajority {
                let part = { (x: (votes: Int, cast: Int)?) in x.map { "\($0.votes)/\($0.cast)" } ?? "—" }
                out.append(.init(zh ? "双过半" : "Double majority", (zh ? "会议推荐 " : "meeting ") + part(dm.first) + (zh ? "，谈话推荐 " : ", talks ") + part(dm.second)
                                 + (dm.passes ? (zh ? "，达到" : ": passes") : (zh ? "，未达到" : ": fails"))))
            }
        }
        if vote == .evaluation, let c = p.consent {
            out.append(.init(zh ? "民主测评称职以上" : "Evaluation: competent or better", "\(c.yes)/\(c.total)"
                             + (c.total > 0 ? String(format: "（%.1f%%）", Double(c.yes) * 100 / Double(c.total)) : "")))
        }
        return out
    }

    /// The label of a record's field (talks, the inspection record, the notice, published items).
    static func noteFieldLabel(_ key: String, _ lang: Language) -> String {
        let own: [String: (String, String)] = [
            "with": ("谈话对象 / 地点 / 资料", "With / where / what"), "file": ("基本情况", "Background"), "strengths": ("主要表现和优点", "Strengths"),
            "results": ("推荐和测评结果", "Recommendation and evaluation"), "shortcomings": ("主要不足", "Shortcomings"), "text": ("分析", "Analysis"),
            "summary": ("主要内容", "Summary"), "period": ("起止日期", "Period"), "result": ("结果", "Result"), "changes": ("调整内容", "Changes"),
            "setting": ("设置", "Setting"), "conditions": ("任职条件", "Conditions"),
        ]
        if let pair = own[key] { return lang == .zhHans ? pair.0 : pair.1 }
        return FieldNames.name(of: key, in: lang)
    }
}

fileprivate extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
