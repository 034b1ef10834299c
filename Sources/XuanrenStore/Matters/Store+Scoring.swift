import Crypto
import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// What the democratic recommendation gave a person (BAL-1 score, BAL-5 verdict), for the composite.
struct RecommendationOutcome: Sendable {
    var score: Double?
    var doubleMajority: Bool?
}

/// One candidate of the interview as the board and the judges see them: a number, never more (EXM-5).
public struct InterviewCandidateView: Sendable, Equatable {
    public var applicant: UUID
    public var number: Int
    public var positionID: String
    public var post: String
    public var absent: Bool
    /// Judges who locked a score, of the panel's size.
    public var locked: Int
    public var panelSize: Int
    /// The trimmed mean on the 100 scale ("85.33") once every judge has locked (当场亮分).
    public var trimmedMean: String?
    /// The acting judge's own locked score, if any ("88.00").
    public var mine: String?
    /// EXM-7: the position's questions and times (the pages show the times only).
    public var questionSet: QuestionSet? = nil
    /// EXM-4: a judge declared a conflict and nobody could take the seat: no scoring until the panel is drawn again.
    public var panelShort = false
}

/// Scores of a competitive matter through the score sheet (`ScoreSheet`, `xuanren.scores/1`): the scoring rules,
/// the written exam's progression (EXM-2, EXM-9), the interview panels drawn by lot (EXM-4, BAL-2), the judges'
/// locked scores and the trimmed mean (EXM-5, EXM-6), the judges' agreement (EXM-8), and the candidates drawn from the
/// composite into the matter (SCR-1…3). The server computes every figure with the same code as `xuanren score`.
extension Store {
    // MARK: Rules (SCR-1…3)

    /// The organizer sets how scores combine, before the papers are sealed.
    public func setScoring(_ matterID: UUID, _ rules: ScoringRules, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.registration, .qualificationReview, .writtenExam, .interview)
            var (rec, c) = try await Self.loadCompetition(matterID, tx.db)
            try c.setScoring(rules)
            try await Self.saveCompetition(c, rec, matter: matterID, at: now, tx.db)
            rec = nil
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.scoring, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["rules": .string(try Self.json(rules))]))
        }
    }

    // MARK: The sheet

    /// The applicants a position's sheet lists: qualified, not withdrawn, of a position still open, in admission order.
    static func sheetApplicants(_ matterID: UUID, _ c: Competition, _ db: any Database) async throws -> [ApplicantRecord] {
        try await RegistrationSQL.applicants(matterID, includingWithdrawn: false, db)
            .filter { $0.isQualified == true && c.fates[$0.positionID] == nil }
            .sorted { ($0.admission ?? "", $0.createdAt) < ($1.admission ?? "", $1.createdAt) }
    }

    /// The id an applicant has on a sheet: the admission number, or (no written exam) a short stable id.
    static func sheetID(_ a: ApplicantRecord) -> String { a.admission ?? "R" + String(a.id!.uuidString.prefix(8)) }

    /// The score sheet of one position, from the records: the written exam when the matter has one, and the interview
    /// when `interview` is given (judge scores by applicant). `names`: the applicants' names, else blank (public).
    static func positionSheet(_ matter: Matter, _ c: Competition, _ position: MatterPosition, _ applicants: [ApplicantRecord],
                              written: [UUID: Int64?], interview: [UUID: [InterviewScoreRecord]]?, names: Bool,
                              recommendation: [UUID: RecommendationOutcome]? = nil, fed: FedScores? = nil) -> ScoreSheet {
        let r = c.rules
        let procedure = matter.plan.procedure, settings = matter.plan.settings
        var stages: [ScoreSheet.Stage] = []
        let hasWritten = matter.plan.procedure.stages.contains(.writtenExam)
        // EXM-3: with several forms each is a panel stage weighing interview weight × form weight; the other weights
        // are scaled by 100 to match (the composite divides by the weights' sum, so it is the same combination)
        let forms = r.separateForms
        let scale = forms.isEmpty ? 1 : 100
        if hasWritten {
            // SEL-7: a training class's wide round sends the fine round's size on (unless the rules set a top N)
            let cut: ScoreSheet.Cut = CompositePlan.progressionTop(procedure, settings, r).map { .top($0) } ?? .ratio(ScoreDecimal(scaled: Int64(r.progressionRatioTenths) * 1000))
            stages.append(.init(id: "written", name: "笔试", max: ScoreDecimal(scaled: c.exam?.maxScore ?? 100_0000), weight: ScoreDecimal(r.writtenWeight * scale),
                                scoring: .single, advance: .init(cut: cut, minScore: ScoreDecimal(r.passMark))))
        }
        if interview != nil {
            let weight = CompositePlan.interviewWeight(procedure, settings, r)
            if forms.isEmpty {
                let elements = r.elements ? InterviewElements.seedDefault.elements.map { ScoreSheet.Element(id: $0.id, max: ScoreDecimal($0.max)) } : []
                stages.append(.init(id: "interview", name: CompositePlan.interviewName(procedure), max: ScoreDecimal(r.interviewMax), weight: ScoreDecimal(weight),
                                    scoring: .panel(trim: r.trim, elements: elements)))
            } else {
                for f in forms {
                    stages.append(.init(id: f.form.stageID, name: CompositePlan.interviewName(procedure) + "（\(f.form.title(in: .zhHans))）", max: ScoreDecimal(100),
                                        weight: ScoreDecimal(weight * f.weight), scoring: .panel(trim: r.trim, elements: [])))
                }
            }
        }
        if recommendation != nil {
            // the weighted recommendation score (BAL-1) on its own scale: at most 1 point
            stages.append(.init(id: "recommendation", name: "民主推荐", max: ScoreDecimal(1), weight: ScoreDecimal(r.recommendationWeight * scale), scoring: .single))
        }
        // SCR-1, SEL-3, SEL-4: the evaluation and the entered stages, each out of 100 with its weight from the settings
        for f in fed?.stages ?? [] {
            stages.append(.init(id: f.id, name: f.title(in: .zhHans), max: ScoreDecimal(FedStage.max), weight: ScoreDecimal(f.weight(settings)), scoring: .single))
        }
        let absent = Set(c.interviewAbsent)
        let advanced = Set(c.progression[position.id]?.advanced ?? [])
        let people = applicants.filter { $0.positionID == position.id }.map { a -> ScoreSheet.Applicant in
            var entries: [ScoreSheet.Entry] = []
            let id = sheetID(a)
            if hasWritten {
                if let w = written[a.id!] { entries.append(.init(stage: "written", w.map { .score(ScoreDecimal(scaled: $0)) } ?? .absent)) }
            }
            if let interview, !hasWritten || advanced.contains(id) {
                if absent.contains(a.id!.uuidString) {
                    // absent from the first stage of the interview: not advanced, so the other forms are not reached
                    entries.append(.init(stage: forms.first?.form.stageID ?? "interview", .absent))
                } else if !forms.isEmpty {
                    let judged = (interview[a.id!] ?? []).sorted { $0.judge < $1.judge }
                    for (k, f) in forms.enumerated() {
                        entries.append(.init(stage: f.form.stageID, .panel(judged.map { s in
                            let parts = s.forms.flatMap { try? decode([Int64].self, $0) } ?? []
                            return ScoreSheet.JudgeScore(judge: s.judge, score: ScoreDecimal(scaled: k < parts.count ? parts[k] : s.score))
                        })))
                    }
                } else {
                    let judged = (interview[a.id!] ?? []).sorted { $0.judge < $1.judge }.map { s -> ScoreSheet.JudgeScore in
                        if let text = s.elements, let parts = try? decode([Int64].self, text), r.elements {
                            return .init(judge: s.judge, .elements(zip(InterviewElements.seedDefault.elements, parts).map { .init(element: $0.id, score: ScoreDecimal(scaled: $1)) }))
                        }
                        return .init(judge: s.judge, score: ScoreDecimal(scaled: s.score))
                    }
                    entries.append(.init(stage: "interview", .panel(judged)))
                }
            }
            var excluded: String? = nil
            if let recommendation {
                // popular veto and double majority are verdicts, not scores: the applicant is listed, never ranked
                switch recommendation[a.id!] {
                case .none: excluded = "未进入民主推荐"
                case .some(let o) where o.doubleMajority == false: excluded = "未达到双过半（BAL-5）"
                case .some(let o) where o.score == nil: excluded = "无民主推荐得分"
                case .some(let o): entries.append(.init(stage: "recommendation", .score(ScoreDecimal(scaled: Int64((o.score! * 10_000).rounded())))))
                }
            }
            if let fed, excluded == nil {
                for f in fed.stages {
                    if f == .evaluation {
                        // BAL-3 the grades' score; BAL-6 a popular veto (or no evaluation) is a verdict: listed, never ranked
                        if let why = fed.evaluationMissing { excluded = why; break }
                        guard let count = fed.evaluation?[a.id!] else { excluded = "未进入民主测评"; break }
                        if let veto = count.veto(settings) { excluded = "\(veto.zh)（\(veto.rule)）"; break }
                        entries.append(.init(stage: f.id, .score(ScoreDecimal(scaled: count.stageScore(settings)!))))
                    } else if let v = fed.entered[a.id!]?[f.id] {
                        entries.append(.init(stage: f.id, .score(ScoreDecimal(scaled: v))))
                    }
                }
            }
            return .init(id: id, name: names ? a.name : "", excluded: excluded, scores: excluded == nil ? entries : [])
        }
        let included = Set(stages.map(\.id))
        return ScoreSheet(position: .init(id: position.id, name: position.unitName + position.post, posts: position.posts), stages: stages,
                          tieBreak: r.tieBreak.flatMap { $0 == "interview" && !forms.isEmpty ? forms.map(\.form.stageID) : [$0] }.filter { included.contains($0) },
                          shortlist: .ratio(ScoreDecimal(scaled: Int64(r.shortlistRatioTenths) * 1000)), applicants: people)
    }

    /// Whether the matter's democratic recommendation comes before its composite, so that its score enters it (SCR-1).
    public static func recommendationScored(_ m: Matter) -> Bool {
        let s = m.plan.procedure.stages
        guard let r = s.firstIndex(of: .democraticRecommendation), let c = s.firstIndex(of: .compositeScore) else { return false }
        return r < c
    }

    /// Every position's sheet of the matter as it stands (the interview once a panel exists; the recommendation once
    /// the matter has reached its composite stage after one).
    func sheets(_ matterID: UUID, _ matter: Matter, _ c: Competition, names: Bool, interview: Bool = true, _ db: any Database) async throws -> [(MatterPosition, ScoreSheet)] {
        let applicants = try await Self.sheetApplicants(matterID, c, db)
        var recommendation: [UUID: RecommendationOutcome]? = nil
        if Self.recommendationScored(matter), let at = matter.stages.firstIndex(where: { $0.kind == .compositeScore }), matter.stages[at].started != nil,
           let rec = try await MatterRowSQL.load(matterID, db) {
            let people = try await matterPeople(rec, matter, db).filter { $0.withdrawn == nil }
            var map: [UUID: RecommendationOutcome] = [:]
            for a in applicants {
                guard let p = people.first(where: { $0.positionID == a.positionID && ($0.cadreID != nil ? $0.cadreID == a.cadreID : $0.name == a.name) }) else { continue }
                map[a.id!] = RecommendationOutcome(score: p.recommendationScore, doubleMajority: matter.plan.settings.doubleMajority ? p.doubleMajority?.passes : nil)
            }
            recommendation = map
        }
        let fed = try await fedScores(matterID, matter, applicants, db)
        let written: [UUID: Int64?] = c.exam != nil ? try await Self.writtenScores(matterID, rules: c.exam!, db) : [:]
        let withInterview = interview && matter.plan.procedure.stages.contains(.interview) && !c.panels.isEmpty
        let scores = withInterview ? Dictionary(grouping: try await InterviewScoreRecord.query(on: db).filter(\.$matterID == matterID).all(), by: \.applicantID) : nil
        return matter.plan.positions.filter { p in c.fates[p.id] == nil && applicants.contains { $0.positionID == p.id } }.map { p in
            (p, Self.positionSheet(matter, c, p, applicants, written: written, interview: scores, names: names, recommendation: recommendation, fed: fed))
        }
    }

    /// A position's sheet as `xuanren.scores/1` JSON, for organizers and supervisors of the matter's unit: what
    /// `xuanren score` recomputes to the figures the pages show.
    public func exportSheet(_ matterID: UUID, position: String, by user: ActingUser) async throws -> Data {
        let (_, matter, _) = try await Self.loadMatter(matterID, user, db) { $0.manages || $0.supervises }
        let c = try await Self.loadCompetition(matterID, db).1
        guard let sheet = try await sheets(matterID, matter, c, names: true, db).first(where: { $0.0.id == position })?.1 else {
            throw InvalidInput(field: "position", .notFound(position))
        }
        return sheet.jsonData()
    }

    /// Every position's computed sheet (organizers and supervisors): the figures the scores page shows.
    public func scoreResults(_ matterID: UUID, by user: ActingUser) async throws -> [(position: MatterPosition, result: ScoreSheetResult)] {
        let (_, matter, _) = try await Self.loadMatter(matterID, user, db) { $0.manages || $0.supervises }
        let c = try await Self.loadCompetition(matterID, db).1
        return try await sheets(matterID, matter, c, names: true, db).compactMap { p, s in (try? s.compute()).map { (p, $0) } }
    }

    // MARK: Progression (EXM-2, EXM-9)

    /// Publishes each position's written-exam progression: who goes on (by admission number) and the lowest score
    /// that went on, computed by the score sheet from the locked scores; once the key is open.
    public func publishProgression(_ matterID: UUID, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.writtenExam)
            var (rec, c) = try await Self.loadCompetition(matterID, tx.db)
            guard c.keyOpened != nil else { throw ExamRefusal(Refusal("EXM-1", zh: "密号尚未拆封", en: "the key has not been opened")) }
            if !c.progression.isEmpty { throw InvalidInput(field: "progression", .duplicate("入围名单")) }
            var payload: [String: LedgerValue] = [:]
            for (p, sheet) in try await self.sheets(matterID, matter, c, names: false, interview: false, tx.db) {
                let result = try sheet.compute()
                guard let stage = result.stages.first else { continue }
                c.progression[p.id] = Progression(advanced: stage.advanced, cutScore: stage.cutScore.map(result.text), publishedAt: now)
                payload[p.id] = .string("\(stage.advanced.count)/\(stage.entered) cut \(stage.cutScore.map(result.text) ?? "-") sheet \(Hex.encode(SHA256.hash(data: sheet.jsonData())))")
            }
            try await Self.saveCompetition(c, rec, matter: matterID, at: now, tx.db)
            rec = nil
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.progression, subjectType: "matter", subjectID: matterID.uuidString, payload: payload))
        }
    }

    // MARK: Interview panels (EXM-4, BAL-2)

    /// EXM-4, BAL-2: draws a position's interview panel by lot from `pool` (each judge's id is the account that will
    /// score), with a recorded seed, after recusal: a judge related to any candidate of the position (the registry's
    /// 家庭成员及重要社会关系, both directions, by name), from a candidate's own unit when the plan says so, or who
    /// declared a conflict for the position is kept out of the pool first, each listed with the reason; the draw on the
    /// rest must still meet the panel rules, else it is refused naming what is missing. `registry` links a judge to
    /// their registry file (judge id → the file's id or the identity number): accounts carry no such link, so the pool
    /// gives it; a judge without one is checked against the candidates' files by name only, and has no unit to compare.
    /// The pool file (`xuanren.judge-pool/1`) is kept with the panel: the same file and seed give the same panel with
    /// `xuanren draw --panel`. Every pool member must hold the judge role on the matter's unit. Refused once scoring
    /// has begun.
    public func drawPanel(_ matterID: UUID, position: String, pool: [Judge], seed: UInt64?, rules: InterviewPanelRules = InterviewPanelRules(),
                          registry: [String: String] = [:], by user: ActingUser) async throws -> DrawnPanel {
        let now = nowSeconds
        let seed = seed ?? random.next()
        // every pool member is a judge account of the matter's unit (read before the write: accounts are not the matter's)
        guard let unit = try await MatterRowSQL.load(matterID, db)?.unitID else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
        let tree = try await Self.unitTree(on: db)
        for j in pool {
            guard let info = try await account(username: j.id), !info.disabled, tree.permits(ActingUser(info), [.judge], on: unit) else {
                throw InvalidInput(field: "judges", .described(zh: "“\(j.id)”不是本单位的面试考官账号", en: "“\(j.id)” is not an interview judge account of this unit"))
            }
        }
        var linked: [String: (unit: UUID, file: CadreFile)] = [:]
        for (judge, ref) in registry where !ref.trimmingCharacters(in: .whitespaces).isEmpty {
            let ref = ref.trimmingCharacters(in: .whitespaces)
            var rec: CadreRecord? = nil
            if let id = UUID(uuidString: ref) { rec = try await CadreRecord.find(id, on: db) }
            else if let r = try? ResidentID(ref) { rec = try await CadreRecord.query(on: db).filter(\.$residentID == r.value).first() }
            guard let rec else { throw InvalidInput(field: "registry", .described(zh: "考官“\(judge)”关联的干部档案不存在", en: "judge “\(judge)”: no such registry file")) }
            let file = try await Self.storedFile(rec, on: db)
            linked[judge] = (rec.unitID, file)
        }
        let files = linked
        return try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.writtenExam, .interview, .qualificationReview)
            guard let p = matter.plan.positions.first(where: { $0.id == position }) else { throw InvalidInput(field: "position", .notFound(position)) }
            var (crec, c) = try await Self.loadCompetition(matterID, tx.db)
            var rules = rules
            rules.ownUnitRecuses = c.rules.ownUnitRecuses(matter.plan.procedure.kind)
            rules.trim = c.rules.trim
            let (file, candidates) = try await Self.poolFile(matterID, p, pool: pool, files: files, rules: rules, declared: c.declaredJudges(position), tx.db)
            let drawn = try file.draw(seed: seed)
            var panel = DrawnPanel(judges: drawn.judges, seed: seed, poolSize: pool.count, by: user.name, at: now)
            panel.excluded = drawn.excluded
            panel.poolFile = String(decoding: file.jsonData(), as: UTF8.self)
            let scored = try await InterviewScoreRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$positionID == position).first() != nil
            try c.setPanel(position, panel, scored: scored)
            try await Self.saveCompetition(c, crec, matter: matterID, at: now, tx.db)
            crec = nil
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.panel, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["position": .string(position), "seed": .string(String(seed)), "pool": .int(Int64(pool.count)),
                                                      "judges": .string(panel.judges.map(\.id).joined(separator: ",")),
                                                      "candidates": .int(Int64(candidates)),
                                                      "recused": .string(drawn.excluded.map { "\($0.judgeId):" + $0.reasons.map(\.rawValue).joined(separator: "+") }.joined(separator: ",")),
                                                      "pool_sha256": .string(Hex.encode(SHA256.hash(data: file.jsonData())))]))
            return panel
        }
    }

    /// The position's pool file: the pool with each judge's relations to the position's candidates and unit (from
    /// their linked registry file), the candidates (sheet ids, units; no names), the rules, recusal before the draw.
    static func poolFile(_ matterID: UUID, _ p: MatterPosition, pool: [Judge], files: [String: (unit: UUID, file: CadreFile)],
                         rules: InterviewPanelRules, declared: [String], _ db: any Database) async throws -> (JudgePoolFile, Int) {
        let applicants = try await ApplicantRecord.query(on: db).filter(\.$matterID == matterID).filter(\.$positionID == p.id).filter(\.$withdrawn == false).all()
            .filter { $0.isQualified != false }.sorted { sheetID($0) < sheetID($1) }
        var people: [(candidate: InterviewCandidate, name: String, relatives: [String])] = []
        for a in applicants {
            var unit = "", relatives: [String] = []
            if let cid = a.cadreID, let rec = try await CadreRecord.find(cid, on: db) {
                unit = rec.unitID.uuidString
                relatives = try await storedFile(rec, on: db).family.map(\.name)
            }
            people.append((InterviewCandidate(id: sheetID(a), name: "", unitId: unit), a.name, relatives))
        }
        let judges = pool.map { j -> Judge in
            var j = j
            let linked = files[j.id]
            if let linked { j.unitId = linked.unit.uuidString }
            let me = (name: linked?.file.name.isEmpty == false ? linked!.file.name : j.name, relatives: linked?.file.family.map(\.name) ?? [])
            j.relatedTo = people.filter { JudgeRecusal.related(me, ($0.name, $0.relatives)) }.map(\.candidate.id)
            return j
        }
        let file = JudgePoolFile(positionId: p.id, positionName: p.unitName + p.post, rules: rules, size: nil, judges: judges,
                                 candidates: people.map(\.candidate), recuseBeforeDraw: true, declared: declared.filter { d in pool.contains { $0.id == d } })
        return (file, people.count)
    }

    /// EXM-4: the pool file a panel was drawn from, for organizers and supervisors: `xuanren draw --panel FILE --seed S`
    /// with the recorded seed gives the same panel (with the replacements made since).
    public func panelPoolFile(_ matterID: UUID, position: String, by user: ActingUser) async throws -> (file: Data, seed: UInt64) {
        _ = try await Self.loadMatter(matterID, user, db) { $0.manages || $0.supervises }
        let c = try await Self.loadCompetition(matterID, db).1
        guard let panel = c.panels[position], let text = panel.poolFile else { throw InvalidInput(field: "position", .notFound(position)) }
        return (Data(text.utf8), panel.seed)
    }

    /// EXM-4: a judge of the position's panel declares a conflict (本人申报回避) before the position's scoring begins.
    /// Recorded in the ledger with the replacement drawn by lot from the rest of the pool (seed recorded) so that the
    /// panel still meets the rules; when nobody fits, the panel is marked short and must be drawn again.
    public func declareConflict(_ matterID: UUID, position: String, by user: ActingUser) async throws -> DrawnPanel.PanelReplacement {
        let now = nowSeconds
        let seed = random.next()
        return try await write { tx in
            guard let rec = try await MatterRowSQL.load(matterID, tx.db) else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
            let matter = try Self.decode(Matter.self, rec.state)
            try matter.require(.writtenExam, .interview, .qualificationReview)
            var (crec, c) = try await Self.loadCompetition(matterID, tx.db)
            guard let panel = c.panels[position], panel.judges.contains(where: { $0.id == user.name }) else { throw NotPermitted() }
            let scored = try await InterviewScoreRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$positionID == position).first() != nil
            try c.declareConflict(position, judge: user.name, scored: scored)
            var updated = panel
            var replacement = DrawnPanel.PanelReplacement(left: user.name, joined: nil, seed: nil, at: now)
            if let text = panel.poolFile, var file = try? JudgePoolFile.parse(Data(text.utf8)) {
                // the lot among the pool left: not recused, not on the panel, not declared before
                let drawn = try file.draw(seed: panel.seed)
                let size = drawn.drawn.size
                let out = Set(drawn.excluded.map(\.judgeId)).union(file.replacements.map(\.judge)).union([user.name])
                let others = file.judges.filter { j in !out.contains(j.id) && !drawn.judges.contains { $0.id == j.id } }
                let r = JudgeDraw.replace(panel: drawn.judges, leaving: user.name, from: others, rules: file.rules, size: size, seed: seed)
                file.replacements.append(.init(judge: user.name, seed: r == nil ? nil : seed))
                let again = try file.draw(seed: panel.seed)
                updated.judges = again.judges
                updated.short = again.short ? true : nil
                updated.poolFile = String(decoding: file.jsonData(), as: UTF8.self)
                replacement = .init(left: user.name, joined: r?.judge.id, seed: r == nil ? nil : seed, at: now)
            } else {
                // a panel drawn before pool files were kept: the seat stays empty until the panel is drawn again
                updated.judges.removeAll { $0.id == user.name }
                updated.short = true
            }
            updated.replacements = (panel.replacements ?? []) + [replacement]
            c.panels[position] = updated
            try await Self.saveCompetition(c, crec, matter: matterID, at: now, tx.db)
            crec = nil
            var payload: [String: LedgerValue] = ["position": .string(position), "judge": .string(user.name)]
            if let j = replacement.joined, let s = replacement.seed { payload["replacement"] = .string(j); payload["seed"] = .string(String(s)) }
            else { payload["replacement"] = .string("-") }
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.conflict, subjectType: "matter", subjectID: matterID.uuidString, payload: payload))
            return replacement
        }
    }

    // MARK: Question sets and times (EXM-7)

    /// EXM-7: the organizer records a position's question set (a sealed reference and the questions' titles) and its
    /// times. The ledger keeps the set's SHA-256 and the limits, never the titles. Locked once the position's first
    /// score is entered.
    public func setQuestionSet(_ matterID: UUID, position: String, _ set: QuestionSet, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.registration, .qualificationReview, .writtenExam, .interview)
            guard matter.plan.positions.contains(where: { $0.id == position }) else { throw InvalidInput(field: "position", .notFound(position)) }
            var (crec, c) = try await Self.loadCompetition(matterID, tx.db)
            var set = set
            set.by = user.name; set.at = now
            set.titles = set.titles.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if set.speechMinutes == nil, c.rules.interviewForms?.contains(where: { $0.form == .speech }) == true { set.speechMinutes = 15 }
            let scored = try await InterviewScoreRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$positionID == position).first() != nil
            try c.setQuestionSet(position, set, scored: scored)
            try await Self.saveCompetition(c, crec, matter: matterID, at: now, tx.db)
            crec = nil
            let digest = Hex.encode(SHA256.hash(data: Data((set.reference + "\n" + set.titles.joined(separator: "\n")).utf8)))
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.questions, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["position": .string(position), "questions": .int(Int64(set.titles.count)), "questions_sha256": .string(digest),
                                                      "limits": .string("\(set.introMinutes)+\(set.answerMinutes)" + (set.speechMinutes.map { "/\($0)" } ?? ""))]))
        }
    }

    // MARK: Judges' scores (EXM-5, EXM-6)

    /// The candidates the acting judge scores (every position whose panel names them), by number.
    public func interviewCandidates(_ matterID: UUID, by user: ActingUser) async throws -> (title: String, rules: ScoringRules, candidates: [InterviewCandidateView]) {
        guard let rec = try await MatterRowSQL.load(matterID, db) else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
        let matter = try Self.decode(Matter.self, rec.state)
        let c = try await Self.loadCompetition(matterID, db).1
        let access = try await Self.matterAccess(user, unitID: rec.unitID, matterID: matterID, db)
        let mine = Set(c.panels.filter { $0.value.judges.contains { $0.id == user.name } }.map(\.key))
        let reads = access?.manages == true || access?.supervises == true
        guard reads || !mine.isEmpty else { throw NotPermitted() }
        return (matter.title, c.rules, try await boardRows(matterID, matter, c, positions: reads ? nil : mine, judge: user.name, db))
    }

    /// The interview's candidates of `positions` (all when nil) with locks and, once complete, the trimmed mean.
    func boardRows(_ matterID: UUID, _ matter: Matter, _ c: Competition, positions: Set<String>?, judge: String?, _ db: any Database) async throws -> [InterviewCandidateView] {
        let applicants = try await Self.sheetApplicants(matterID, c, db)
        let scores = Dictionary(grouping: try await InterviewScoreRecord.query(on: db).filter(\.$matterID == matterID).all(), by: \.applicantID)
        let hasWritten = matter.plan.procedure.stages.contains(.writtenExam)
        var out: [InterviewCandidateView] = []
        for p in matter.plan.positions where c.panels[p.id] != nil && (positions?.contains(p.id) ?? true) {
            let panel = c.panels[p.id]!
            let advanced = Set(c.progression[p.id]?.advanced ?? [])
            let mine = applicants.filter { $0.positionID == p.id && (!hasWritten || advanced.contains(Self.sheetID($0))) }
            for (i, a) in mine.enumerated() {
                let got = scores[a.id!] ?? []
                var mean: String? = nil
                if got.count == panel.judges.count, !got.isEmpty {
                    mean = Self.interviewScore(matter, c, p, a, got)
                }
                var view = InterviewCandidateView(applicant: a.id!, number: i + 1, positionID: p.id, post: p.post, absent: c.interviewAbsent.contains(a.id!.uuidString),
                                                  locked: got.count, panelSize: panel.judges.count, trimmedMean: mean,
                                                  mine: judge.flatMap { j in got.first { $0.judge == j } }.map { Decimal4.text($0.score) })
                view.questionSet = c.questionSets?[p.id]
                view.panelShort = panel.short == true
                out.append(view)
            }
        }
        return out
    }

    /// A candidate's interview score from every judge's locked scores, by the score sheet's own code: a one-stage sheet
    /// per form (or one for the interview), and with several forms their weighted combination (EXM-3), half up.
    static func interviewScore(_ matter: Matter, _ c: Competition, _ p: MatterPosition, _ a: ApplicantRecord, _ got: [InterviewScoreRecord]) -> String? {
        let sheet = Self.positionSheet(matter, c, p, [a], written: [:], interview: [a.id!: got], names: false)
        let forms = c.rules.separateForms
        func mean(_ stage: String) -> Int64? {
            var single = sheet
            single.stages = sheet.stages.filter { $0.id == stage }
            single.tieBreak = []
            single.applicants = sheet.applicants.map { x in var y = x; y.scores = x.scores.filter { $0.stage == stage }; return y }
            guard let r = try? single.compute(), let s = r.outcome(0).stageScores.first else { return nil }
            return Decimal4.parse(r.text(s.score))
        }
        if forms.isEmpty { return mean("interview").map { Decimal4.text($0) } }
        var means: [Int64] = []
        for f in forms { guard let m = mean(f.form.stageID) else { return nil }; means.append(m) }
        return Decimal4.text(InterviewForms.combine(means, weights: forms.map(\.weight)))
    }

    /// EXM-3: published stage scores with, when the plan has several forms and every form is scored, the interview
    /// score itself (`interview`: the forms' weighted combination, half up) after the forms'.
    static func withInterview(_ scores: [(stage: String, score: String)], _ rules: ScoringRules) -> [(stage: String, score: String)] {
        let forms = rules.separateForms
        guard !forms.isEmpty else { return scores }
        var means: [Int64] = []
        for f in forms {
            guard let t = scores.first(where: { $0.stage == f.form.stageID })?.score, let v = Decimal4.parse(t) else { return scores }
            means.append(v)
        }
        return scores + [(stage: "interview", score: Decimal4.text(InterviewForms.combine(means, weights: forms.map(\.weight))))]
    }

    /// EXM-5: a judge's score of a candidate, signed and locked on entry (no change after). `elements`: the eight
    /// element scores (EXM-6) when the rules say so, each within its maximum; else `score` out of 100.
    public func scoreInterview(_ matterID: UUID, applicant: UUID, score: Int64?, elements: [Int64]?, forms: [Int64]? = nil, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            guard let rec = try await MatterRowSQL.load(matterID, tx.db) else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
            try Self.decode(Matter.self, rec.state).require(.interview)
            let c = try await Self.loadCompetition(matterID, tx.db).1
            guard let a = try await ApplicantRecord.find(applicant, on: tx.db), a.matterID == matterID else { throw InvalidInput(field: "applicant", .notFound(applicant.uuidString)) }
            // EXM-4: only the position's panel scores; a judge recused before the draw or replaced after declaring a
            // conflict is not on it
            guard let panel = c.panels[a.positionID], panel.judges.contains(where: { $0.id == user.name }) else { throw NotPermitted() }
            if panel.short == true {
                throw InvalidInput(field: "panel", .described(zh: "考官申报回避后无人可替补，面试小组须重新抽取后才能评分（EXM-4）",
                                                             en: "a judge declared a conflict and nobody could take the seat: the panel must be drawn again before scoring (EXM-4)"))
            }
            if c.interviewAbsent.contains(applicant.uuidString) { throw InvalidInput(field: "applicant", .described(zh: "该考生面试缺考", en: "absent from the interview")) }
            if let p = c.progression[a.positionID], !p.advanced.contains(Self.sheetID(a)) { throw InvalidInput(field: "applicant", .notFound(applicant.uuidString)) }
            let r = c.rules
            var total: Int64
            var parts: [Int64]? = nil
            var formScores: [Int64]? = nil
            if !r.separateForms.isEmpty {
                // EXM-3: one score out of 100 per form, in the plan's order; the stored total is their weighted sum
                let fs = r.separateForms
                guard let f = forms, f.count == fs.count else { throw InvalidInput(field: "forms", .required) }
                for (x, w) in zip(f, fs) where x < 0 || x > 100 * 10_000 {
                    throw InvalidInput(field: "forms", .described(zh: "\(w.form.title(in: .zhHans))应在0至100分之间", en: "\(w.form.title(in: .en)) must be between 0 and 100"))
                }
                formScores = f
                total = InterviewForms.combine(f, weights: fs.map(\.weight), decimals: 4)
            } else if r.elements {
                guard let e = elements, e.count == InterviewElements.seedDefault.elements.count else { throw InvalidInput(field: "elements", .required) }
                for (x, el) in zip(e, InterviewElements.seedDefault.elements) where x < 0 || x > Int64(el.max) * 10_000 {
                    throw InvalidInput(field: el.id, .described(zh: "\(el.zh)应在0至\(el.max)分之间", en: "\(el.en) must be between 0 and \(el.max)"))
                }
                total = e.reduce(0, +); parts = e
            } else {
                guard let s = score else { throw InvalidInput(field: "score", .required) }
                if s < 0 || s > Int64(r.interviewMax) * 10_000 { throw InvalidInput(field: "score", .described(zh: "分数应在0至\(r.interviewMax)之间", en: "between 0 and \(r.interviewMax)")) }
                total = s
            }
            if try await InterviewScoreRecord.query(on: tx.db).filter(\.$applicantID == applicant).filter(\.$judge == user.name).first() != nil {
                throw InvalidInput(field: "score", .described(zh: "已评分并签名锁定，不能修改", en: "already scored, signed and locked"))
            }
            let s = InterviewScoreRecord()
            s.id = UUID(); s.matterID = matterID; s.positionID = a.positionID; s.applicantID = applicant; s.judge = user.name
            s.score = total; s.elements = try parts.map { try Self.json($0) }; s.forms = try formScores.map { try Self.json($0) }; s.createdAt = now
            try await s.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.interviewScore, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["applicant": .string(applicant.uuidString), "score": .int(total)]))
        }
    }

    /// An applicant absent from the interview (缺考), recorded by the organizer before they are scored.
    public func markInterviewAbsent(_ matterID: UUID, applicant: UUID, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.interview)
            var (rec, c) = try await Self.loadCompetition(matterID, tx.db)
            guard let a = try await ApplicantRecord.find(applicant, on: tx.db), a.matterID == matterID else { throw InvalidInput(field: "applicant", .notFound(applicant.uuidString)) }
            if try await InterviewScoreRecord.query(on: tx.db).filter(\.$applicantID == applicant).first() != nil {
                throw InvalidInput(field: "applicant", .described(zh: "已有考官评分", en: "already scored"))
            }
            if !c.interviewAbsent.contains(applicant.uuidString) { c.interviewAbsent.append(applicant.uuidString) }
            try await Self.saveCompetition(c, rec, matter: matterID, at: now, tx.db)
            rec = nil
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.interviewAbsent, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["applicant": .string(a.id!.uuidString)]))
        }
    }

    /// EXM-8: each position's judges' agreement, for organizers and supervisors.
    public func judgeAgreement(_ matterID: UUID, by user: ActingUser) async throws -> [(post: String, concordance: JudgeConsistency.Concordance?, groups: JudgeConsistency.GroupAgreement?, fits: [JudgeConsistency.JudgeFit], names: [String: String])] {
        let (_, matter, _) = try await Self.loadMatter(matterID, user, db) { $0.manages || $0.supervises }
        let c = try await Self.loadCompetition(matterID, db).1
        let scores = try await InterviewScoreRecord.query(on: db).filter(\.$matterID == matterID).all()
        return matter.plan.positions.compactMap { p in
            guard let panel = c.panels[p.id] else { return nil }
            var byJudge: [String: [String: Int]] = [:]
            for s in scores where s.positionID == p.id { byJudge[s.judge, default: [:]][s.applicantID.uuidString] = Int(s.score) }
            let candidates = Array(Set(scores.filter { $0.positionID == p.id }.map { $0.applicantID.uuidString })).sorted()
            let m = ScoreMatrix(judges: panel.judges.map(\.id), candidates: candidates, byJudge: byJudge)
            let leaders = Set(panel.judges.filter { $0.group == .leader }.map(\.id))
            let others = Set(panel.judges.map(\.id)).subtracting(leaders)
            return (p.post, JudgeConsistency.concordance(m), leaders.isEmpty || others.isEmpty ? nil : JudgeConsistency.agreement(m, groupA: leaders, groupB: others),
                    JudgeConsistency.judgeFits(m), Dictionary(uniqueKeysWithValues: panel.judges.map { ($0.id, $0.name) }))
        }
    }

    // MARK: Candidates from the scores (SCR-1…3)

    /// Whether the matter draws its candidates at this stage: the composite stage, or the interview when no
    /// composite stage follows it.
    static func drawsHere(_ matter: Matter) -> Bool {
        matter.current == .compositeScore || (matter.current == .interview && matter.next != .compositeScore)
    }

    /// SCR-3: each position's shortlist, computed by the score sheet, becomes the matter's people: candidates for
    /// the inspection (with the reason: composite and rank) or nominees of the recommendation that follows. Ties at
    /// the cut are all taken and said so (the decision body decides).
    public func drawCandidates(_ matterID: UUID, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (rec, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            guard Self.drawsHere(matter) else { throw MatterError.notInStage(.compositeScore) }
            var (crec, c) = try await Self.loadCompetition(matterID, tx.db)
            let stage = matter.current!
            if matter.plan.positions.contains(where: { c.isDrawn($0.id, at: stage) }) { throw InvalidInput(field: "shortlist", .duplicate("人选")) }
            let applicants = try await Self.sheetApplicants(matterID, c, tx.db)
            let toInspection = matter.next == .inspection
            let existing = try await MatterPersonRecord.query(on: tx.db).filter(\.$matterID == matterID).all().filter { $0.withdrawn == nil }
            var payload: [String: LedgerValue] = [:]
            let fed = try await self.fedScores(matterID, matter, applicants, tx.db)
            for (p, sheet) in try await self.sheets(matterID, matter, c, names: true, tx.db) {
                let missing = Self.missingEntries(sheet, fed: fed)
                if !missing.isEmpty {
                    throw InvalidInput(field: "scores", .described(zh: "“\(p.post)”尚有得分未录入：" + missing.joined(separator: "；"),
                                                                   en: "“\(p.post)”: scores not yet entered: " + missing.joined(separator: "; ")))
                }
                let result = try sheet.compute()
                for id in result.shortlist {
                    guard let a = applicants.first(where: { Self.sheetID($0) == id }), let o = result.applicant(id) else { continue }
                    // the recommendation's nominee drawn at the interview is the same person, now chosen for inspection
                    let person = existing.first { $0.positionID == p.id && ($0.cadreID != nil ? $0.cadreID == a.cadreID : $0.name == a.name) } ?? MatterPersonRecord()
                    if person.id == nil {
                        person.id = UUID(); person.matterID = matterID; person.positionID = p.id; person.cadreID = a.cadreID; person.name = a.name
                        person.nominations = "[]"; person.review = a.review; person.qualified = true; person.gates = try Self.json(PersonGates()); person.createdAt = now
                    }
                    let composite = o.composite.map(result.text) ?? "-"
                    if toInspection {
                        person.targetReason = "综合成绩\(composite)分，职位内排名第\(o.rank ?? 0)名，按比例确定为考察人选" + (result.tiedAtCut ? "（与末位同分者一并列入，由党委（党组）研究）" : "")
                    }
                    try await person.save(on: tx.db)
                }
                c.drawn[Competition.drawKey(stage, p.id)] = now
                payload[p.id] = .string(result.shortlist.joined(separator: ",") + (result.tiedAtCut ? " tiedAtCut" : "") + " sheet " + Hex.encode(SHA256.hash(data: sheet.jsonData())))
            }
            try await Self.saveCompetition(c, crec, matter: matterID, at: now, tx.db)
            crec = nil
            _ = rec
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.shortlist, subjectType: "matter", subjectID: matterID.uuidString, payload: payload))
        }
    }
}

/// What an applicant reads of their own registration (ELG-6, EXM-9): the review with every failed condition, the
/// seat, and each score once it is published.
public struct OwnResult: Sendable, Equatable {
    public var name: String
    public var post: String
    public var qualified: Bool?
    public var failed: [ConditionCheck]
    public var override: String?
    public var admission: String?
    public var room: String?
    public var seat: Int?
    /// Published stage scores ("written" → "82.50") and the composite, rank and status once drawn.
    public var scores: [(stage: String, score: String)]
    public var composite: String?
    public var rank: Int?
    public var status: ScoreSheetResult.Status?
    public var cutScore: String?
    public static func == (a: OwnResult, b: OwnResult) -> Bool { a.name == b.name && a.admission == b.admission && a.composite == b.composite }
}

extension Store {
    /// EXM-9: an applicant's own result, found by identity number and name together (both known to the applicant; the
    /// number is compared by its keyed hash). Scores appear once published: the written score with the progression,
    /// the interview and composite once the candidates are drawn. Nil when nothing matches.
    public func ownResult(_ matterID: UUID, resident raw: String, name: String) async throws -> OwnResult? {
        guard let resident = try? ResidentID(raw) else { throw InvalidInput(field: "resident", .described(zh: "身份证号码无效", en: "not a valid identity number")) }
        let digest = residentDigest(resident)
        guard let a = try await ApplicantRecord.query(on: db).filter(\.$matterID == matterID).filter(\.$residentHMAC == digest).first(),
              a.name == name.trimmingCharacters(in: .whitespaces),
              let rec = try await MatterRowSQL.load(matterID, db) else { return nil }
        let matter = try Self.decode(Matter.self, rec.state)
        let c = try await Self.loadCompetition(matterID, db).1
        return try await ownResult(a, matter, c)
    }

    /// One registration as its applicant reads it (the lookup above, and the applicant's own page).
    func ownResult(_ a: ApplicantRecord, _ matter: Matter, _ c: Competition) async throws -> OwnResult {
        let matterID = a.matterID
        let checks = try a.review.map { try Self.decode([ConditionCheck].self, $0) } ?? []
        var out = OwnResult(name: a.name, post: matter.plan.positions.first { $0.id == a.positionID }?.post ?? "", qualified: a.isQualified,
                            failed: checks.filter { !$0.passed }, override: try a.override.map { try Self.decode(ReviewOverride.self, $0).reason },
                            admission: a.admission, room: a.room, seat: a.seat, scores: [], composite: nil, rank: nil, status: nil,
                            cutScore: c.progression[a.positionID]?.cutScore)
        guard c.progression[a.positionID] != nil || c.anyDrawn(a.positionID),
              let sheet = try await sheets(matterID, matter, c, names: false, interview: c.anyDrawn(a.positionID), db).first(where: { $0.0.id == a.positionID })?.1,
              let result = try? sheet.compute(), let o = result.applicant(Self.sheetID(a)) else { return out }
        out.scores = Self.withInterview(o.stageScores.map { (stage: $0.stage, score: result.text($0.score)) }, c.rules)
        if c.anyDrawn(a.positionID) { out.composite = o.composite.map(result.text); out.rank = o.rank; out.status = o.status }
        return out
    }
}

/// DIS-1, DIS-2, EXM-9: a position's published results, by admission number.
public struct PublishedResults: Sendable {
    public struct Row: Sendable { public var id: String; public var scores: [String: String]; public var composite: String?; public var rank: Int?; public var status: String }
    public var post: String
    public var posts: Int
    /// EXM-9: those going on after the written exam and the lowest score that did.
    public var progression: Progression?
    /// SCR-1…3: every applicant's published scores once the candidates are drawn, in rank order.
    public var rows: [Row]
    public var shortlist: [String]
    public var tiedAtCut: Bool
}

extension Store {
    /// Each position's published results within the plan's disclosure scope (DIS-1): the public for `public`; anyone
    /// whose grants cover the matter's unit for `unit`; its organizers and supervisors for `supervision`. Nil when the
    /// reader is outside the scope.
    public func publishedResults(_ matterID: UUID, by user: ActingUser) async throws -> [PublishedResults]? {
        guard let rec = try await MatterRowSQL.load(matterID, db) else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
        let matter = try Self.decode(Matter.self, rec.state)
        if matter.phase == .drafting { return nil }
        switch matter.plan.disclosure {
        case .everyone: break
        case .unit:
            let roles = try await Self.unitTree(on: db).roles(of: user, on: rec.unitID)
            guard user.isSystem || !roles.isEmpty else { return nil }
        case .supervision: guard let a = try await Self.matterAccess(user, unitID: rec.unitID, matterID: matterID, db), a.manages || a.supervises else { return nil }
        }
        let c = try await Self.loadCompetition(matterID, db).1
        // Nothing is published before the first progression or draw: the registration page (read after every
        // registration of a burst) must not load every applicant of the matter (scripts/load-register.py).
        if c.progression.isEmpty && c.drawn.isEmpty {
            return matter.plan.positions.map { PublishedResults(post: $0.unitName + $0.post, posts: $0.posts, progression: nil, rows: [], shortlist: [], tiedAtCut: false) }
        }
        let sheets = try await sheets(matterID, matter, c, names: false, interview: !c.drawn.isEmpty, db)
        return sheets.map { p, sheet in
            var out = PublishedResults(post: p.unitName + p.post, posts: p.posts, progression: c.progression[p.id], rows: [], shortlist: [], tiedAtCut: false)
            if c.anyDrawn(p.id), let r = try? sheet.compute() {
                out.rows = r.applicants.map { o in
                    PublishedResults.Row(id: o.applicant, scores: Dictionary(uniqueKeysWithValues: Self.withInterview(o.stageScores.map { (stage: $0.stage, score: r.text($0.score)) }, c.rules).map { ($0.stage, $0.score) }),
                                         composite: o.composite.map(r.text), rank: o.rank, status: o.status.text)
                }.sorted { ($0.rank ?? Int.max, $0.id) < ($1.rank ?? Int.max, $1.id) }
                out.shortlist = r.shortlist; out.tiedAtCut = r.tiedAtCut
            }
            return out
        }
    }
}

extension Store {
    /// SCR-4: a registry applicant with a composite who was not shortlisted is proposed to the reserve pool (route
    /// 推考结合), by an organizer of the matter who also organizes the cadre's unit; the pool's own entry and ledger.
    public func proposeToReserve(_ matterID: UUID, applicant: UUID, by user: ActingUser) async throws {
        let (_, matter, _) = try await Self.loadMatter(matterID, user, db) { $0.manages }
        let c = try await Self.loadCompetition(matterID, db).1
        guard let a = try await ApplicantRecord.find(applicant, on: db), a.matterID == matterID else { throw InvalidInput(field: "applicant", .notFound(applicant.uuidString)) }
        guard let cadre = a.cadreID else {
            throw InvalidInput(field: "applicant", .described(zh: "外部人员没有干部档案，不能列入本地后备干部库", en: "an outside applicant has no registry file for the reserve pool"))
        }
        guard c.anyDrawn(a.positionID), let sheet = try await sheets(matterID, matter, c, names: false, db).first(where: { $0.0.id == a.positionID })?.1,
              let o = try sheet.compute().applicant(Self.sheetID(a)), o.composite != nil, o.status != .shortlisted else {
            throw InvalidInput(field: "applicant", .described(zh: "只有有综合成绩而未入围的报名人可推荐进入后备干部库", en: "only applicants with a composite who were not shortlisted may be proposed"))
        }
        try await addToReserve(cadreID: cadre, route: .recommendationExam, entered: today.yearMonth, by: user)
    }
}

extension Store {
    /// The exam work waiting for the acting user (their dashboard): papers to grade where they grade for the matter's
    /// unit (sealed, key not open), interviews where they sit on a panel (in the interview stage).
    public func examWork(by user: ActingUser) async throws -> (grading: [(UUID, String)], interviews: [(UUID, String)]) {
        var grading: [(UUID, String)] = [], interviews: [(UUID, String)] = []
        let tree = try await Self.unitTree(on: db)
        for r in try await CompetitionRecord.query(on: db).all() {
            guard let id = r.id, let rec = try await MatterRowSQL.load(id, db) else { continue }
            let c = try Self.decode(Competition.self, r.state)
            if rec.stage == StageKind.writtenExam.rawValue, c.sealedAt != nil, c.keyOpened == nil, tree.permits(user, [.grader], on: rec.unitID) {
                grading.append((id, rec.title))
            }
            if rec.stage == StageKind.interview.rawValue, c.panels.values.contains(where: { $0.judges.contains { $0.id == user.name } }) {
                interviews.append((id, rec.title))
            }
        }
        return (grading, interviews)
    }
}
