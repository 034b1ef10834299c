import Crypto
import FluentKit
import Foundation
import SQLKit
import SelectionCore

/// A paper as a grader sees it: its code and position, nothing that names the applicant (EXM-1).
public struct GradingPaper: Sendable, Equatable {
    public var code: String
    public var positionPost: String
    /// The round this grader would grade next (1, 2, 3 = arbitration), nil when nothing is left for them.
    public var round: Int?
    /// This grader's own grade of the paper, if any.
    public var mine: Int64?
}

/// A room of the written exam and its seats.
public struct ExamRoom: Sendable, Equatable {
    public var name: String
    public var seats: Int
    public init(name: String, seats: Int) { self.name = name; self.seats = seats }
}

/// The sealed written exam (EXM-1): admission numbers, rooms and seats, papers under random codes whose key is sealed
/// until every score is locked and a supervisor opens it; grading by code, double grading with arbitration, and
/// scores imported from an exam centre by admission number.
extension Store {
    /// The matter's exam key: AES-GCM under a key derived from the instance key (kept outside the database) and the
    /// matter's id. A reader of the database alone cannot join a code to an applicant.
    func examKey(_ matterID: UUID) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: ledger.key.privateKey.rawRepresentation),
                               salt: Data(matterID.uuidString.utf8), info: Data("xuanren exam paper key".utf8), outputByteCount: 32)
    }

    func sealApplicant(_ id: UUID, matter: UUID) throws -> String {
        try AES.GCM.seal(Data(id.uuidString.utf8), using: examKey(matter)).combined!.base64EncodedString()
    }

    func unsealApplicant(_ sealed: String, matter: UUID) throws -> UUID? {
        guard let data = Data(base64Encoded: sealed) else { return nil }
        let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: examKey(matter))
        return UUID(uuidString: String(decoding: plain, as: UTF8.self))
    }

    /// EXM-1: seals the exam of a matter in its written-exam stage: every qualified applicant of an open position gets
    /// an admission number (position by position, in registration order), a room and seat (in a random order), and a
    /// paper under a random code; the code's applicant is sealed. One transaction.
    public func sealExam(_ matterID: UUID, rules: ExamRules, rooms: [ExamRoom], prefix: String, by user: ActingUser) async throws {
        let prefixText = prefix.trimmingCharacters(in: .whitespaces)
        if prefixText.isEmpty || prefixText.count > 8 || !prefixText.allSatisfy(\.isNumber) {
            throw InvalidInput(field: "prefix", .described(zh: "准考证号前缀为1至8位数字", en: "the admission prefix is 1 to 8 digits"))
        }
        if rooms.isEmpty { throw InvalidInput(field: "rooms", .required) }
        for r in rooms where r.name.trimmingCharacters(in: .whitespaces).isEmpty || r.seats < 1 || r.seats > 500 {
            throw InvalidInput(field: "rooms", .described(zh: "每个考场须有名称和1至500个座位", en: "each room needs a name and 1 to 500 seats"))
        }
        let now = nowSeconds
        try await write { tx in
            var rng = self.random.generator()
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.writtenExam)
            var (rec, c) = try await Self.loadCompetition(matterID, tx.db)
            try c.seal(rules, at: now)
            let rows = try await ApplicantRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$withdrawn == false).sort(\.$createdAt).all()
                .filter { $0.isQualified == true && c.fates[$0.positionID] == nil }
            if rows.isEmpty { throw InvalidInput(field: "applicants", .described(zh: "没有资格审查合格的报名人", en: "no qualified applicant")) }
            let capacity = rooms.reduce(0) { $0 + $1.seats }
            if capacity < rows.count {
                throw InvalidInput(field: "rooms", .described(zh: "座位\(capacity)个，少于考生\(rows.count)人", en: "\(capacity) seats for \(rows.count) candidates"))
            }
            var serial = 0
            for (pi, p) in matter.plan.positions.enumerated() {
                for a in rows where a.positionID == p.id {
                    serial += 1
                    a.admission = ExamCodes.admission(prefix: prefixText, position: pi + 1, serial: serial)
                }
            }
            // seats in a random order, so neighbours are not applicants of one position in registration order
            let seats = rooms.flatMap { r in (1 ... r.seats).map { (r.name.trimmingCharacters(in: .whitespaces), $0) } }
            let order = rows.shuffled(using: &rng)
            var codes = Set<String>()
            for (i, a) in order.enumerated() {
                a.room = seats[i].0; a.seat = seats[i].1; a.updatedAt = now
                try await a.save(on: tx.db)
                var code = ExamCodes.paperCode { rng.next() }
                while !codes.insert(code).inserted { code = ExamCodes.paperCode { rng.next() } }
                let paper = ExamPaperRecord()
                paper.id = UUID(); paper.matterID = matterID; paper.positionID = a.positionID; paper.code = code
                paper.sealed = try self.sealApplicant(a.id!, matter: matterID); paper.absent = false
                try await paper.create(on: tx.db)
            }
            try await Self.saveCompetition(c, rec, matter: matterID, at: now, tx.db)
            rec = nil
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.seal, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["papers": .int(Int64(rows.count)), "rooms": .int(Int64(rooms.count)), "maxScore": .int(rules.maxScore),
                                                      "doubleGrading": .bool(rules.doubleGrading), "margin": .int(rules.margin)]))
        }
    }

    /// Every paper's grading, by code.
    static func paperGrading(_ matterID: UUID, _ db: any Database) async throws -> [String: PaperGrading] {
        let papers = try await ExamPaperRecord.query(on: db).filter(\.$matterID == matterID).all()
        let grades = try await ExamGradeRecord.query(on: db).filter(\.$matterID == matterID).all()
        var out: [String: PaperGrading] = [:]
        for p in papers { out[p.code] = PaperGrading(absent: p.absent) }
        for g in grades {
            switch g.round {
            case 1: out[g.code]?.first = g.score
            case 2: out[g.code]?.second = g.score
            default: out[g.code]?.arbitration = g.score
            }
        }
        return out
    }

    /// Whether `user` grades papers of the matter's unit (the grader role there).
    static func grades(_ user: ActingUser, _ rec: MatterRecord, _ db: any Database) async throws -> Bool {
        if user.isSystem { return true }
        return try await unitTree(on: db).permits(user, [.grader], on: rec.unitID)
    }

    /// EXM-1: the papers as a grader sees them — codes and positions only, never a name, identity or admission number.
    public func gradingPapers(_ matterID: UUID, by user: ActingUser) async throws -> (title: String, rules: ExamRules, papers: [GradingPaper]) {
        guard let rec = try await MatterRowSQL.load(matterID, db) else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
        guard try await Self.grades(user, rec, db) else { throw NotPermitted() }
        let matter = try Self.decode(Matter.self, rec.state)
        let c = try await Self.loadCompetition(matterID, db).1
        guard let rules = c.exam else { throw ExamRefusal(Refusal("EXM-1", zh: "试卷尚未密封编号", en: "the papers have not been sealed")) }
        let papers = try await ExamPaperRecord.query(on: db).filter(\.$matterID == matterID).sort(\.$code).all()
        let grades = try await ExamGradeRecord.query(on: db).filter(\.$matterID == matterID).all()
        let grading = try await Self.paperGrading(matterID, db)
        return (matter.title, rules, papers.filter { !$0.absent }.map { p in
            let mine = grades.filter { $0.code == p.code && $0.grader == user.name }
            let next = grading[p.code]?.nextRound(rules)
            return GradingPaper(code: p.code, positionPost: matter.plan.positions.first { $0.id == p.positionID }?.post ?? "",
                                round: mine.isEmpty ? next : nil, mine: mine.first?.score)
        })
    }

    /// EXM-1: a grader's score of a paper by its code, locked on entry. The round is the paper's next (first, second,
    /// arbitration); a grader never grades one paper twice; the key must still be sealed.
    public func grade(_ matterID: UUID, code raw: String, score: Int64, by user: ActingUser) async throws {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let now = nowSeconds
        try await write { tx in
            guard let rec = try await MatterRowSQL.load(matterID, tx.db) else { throw InvalidInput(field: "matter", .notFound(matterID.uuidString)) }
            guard try await Self.grades(user, rec, tx.db) else { throw NotPermitted() }
            try Self.decode(Matter.self, rec.state).require(.writtenExam)
            let c = try await Self.loadCompetition(matterID, tx.db).1
            guard let rules = c.exam else { throw ExamRefusal(Refusal("EXM-1", zh: "试卷尚未密封编号", en: "the papers have not been sealed")) }
            if c.keyOpened != nil { throw ExamRefusal(Refusal("EXM-1", zh: "密号已拆封，分数不能再录入或更改", en: "the key is open; scores can no longer be entered")) }
            if score < 0 || score > rules.maxScore {
                throw InvalidInput(field: "score", .described(zh: "分数应在0至\(Decimal4.text(rules.maxScore))之间", en: "between 0 and \(Decimal4.text(rules.maxScore))"))
            }
            guard let paper = try await ExamPaperRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$code == code).first() else {
                throw InvalidInput(field: "code", .notFound(code))
            }
            let grading = try await Self.paperGrading(matterID, tx.db)[code] ?? PaperGrading()
            guard let round = grading.nextRound(rules) else { throw InvalidInput(field: "code", .described(zh: "该试卷已评定，分数已锁定", en: "this paper is graded and its score locked")) }
            if try await ExamGradeRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$code == code).filter(\.$grader == user.name).first() != nil {
                throw InvalidInput(field: "code", .described(zh: "同一试卷不能由同一评卷人评两次", en: "one grader does not grade the same paper twice"))
            }
            let g = ExamGradeRecord()
            g.id = UUID(); g.matterID = matterID; g.code = paper.code; g.round = round; g.grader = user.name; g.score = score; g.createdAt = now
            try await g.create(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.grade, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["code": .string(paper.code), "round": .int(Int64(round)), "score": .int(score)]))
        }
    }

    /// Absence from the exam (缺考), by admission number, recorded by the organizer before the key is opened: the
    /// paper is found through the sealed key inside the store; nobody sees the code.
    public func markAbsent(_ matterID: UUID, admission: String, by user: ActingUser) async throws {
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.writtenExam)
            let c = try await Self.loadCompetition(matterID, tx.db).1
            if c.keyOpened != nil { throw ExamRefusal(Refusal("EXM-1", zh: "密号已拆封", en: "the key is already open")) }
            let paper = try await self.paper(matterID, admission: admission, tx.db)
            if try await ExamGradeRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$code == paper.code).first() != nil {
                throw InvalidInput(field: "admission", .described(zh: "该考生的试卷已有评分", en: "this candidate's paper already has a grade"))
            }
            paper.absent = true
            try await paper.save(on: tx.db)
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.absent, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["admission": .string(admission)]))
        }
    }

    /// The paper of the applicant with `admission`, found by unsealing inside the store.
    func paper(_ matterID: UUID, admission raw: String, _ db: any Database) async throws -> ExamPaperRecord {
        let admission = raw.trimmingCharacters(in: .whitespaces)
        guard let a = try await ApplicantRecord.query(on: db).filter(\.$matterID == matterID).filter(\.$admission == admission).first() else {
            throw InvalidInput(field: "admission", .notFound(admission))
        }
        for p in try await ExamPaperRecord.query(on: db).filter(\.$matterID == matterID).filter(\.$positionID == a.positionID).all()
        where try unsealApplicant(p.sealed, matter: matterID) == a.id {
            return p
        }
        throw InvalidInput(field: "admission", .notFound(admission))
    }

    /// One line of an exam centre's score file: admission number and score.
    public struct ImportedScore: Sendable, Equatable {
        public var line: Int
        public var admission: String
        public var score: Int64?
        public var absent: Bool
        public var problem: String?
    }

    /// Reads an exam centre's scores ("admission,score" per line, "缺考"/"absent" for absence; a header line is skipped)
    /// and checks them against the matter: a preview, nothing written.
    public func previewScores(_ matterID: UUID, text: String, by user: ActingUser) async throws -> [ImportedScore] {
        let (_, matter, _) = try await Self.loadMatter(matterID, user, db) { $0.manages }
        try matter.require(.writtenExam)
        guard let rules = try await Self.loadCompetition(matterID, db).1.exam else { throw ExamRefusal(Refusal("EXM-1", zh: "试卷尚未密封编号", en: "the papers have not been sealed")) }
        let known = Set(try await ApplicantRecord.query(on: db).filter(\.$matterID == matterID).all().compactMap(\.admission))
        var seen = Set<String>()
        var out: [ImportedScore] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let cells = raw.split(whereSeparator: { $0 == "," || $0 == "\t" || $0 == "，" }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, !cells[0].isEmpty else { continue }
            if i == 0, Decimal4.parse(cells[1]) == nil, !Self.absentWords.contains(cells[1]) { continue } // header
            var line = ImportedScore(line: i + 1, admission: cells[0], score: nil, absent: false, problem: nil)
            if Self.absentWords.contains(cells[1]) { line.absent = true } else if let v = Decimal4.parse(cells[1]), v >= 0, v <= rules.maxScore { line.score = v } else {
                line.problem = "分数“\(cells[1])”无效（0至\(Decimal4.text(rules.maxScore))，最多4位小数）"
            }
            if !known.contains(line.admission) { line.problem = "准考证号不存在" } else if !seen.insert(line.admission).inserted { line.problem = "准考证号重复" }
            out.append(line)
        }
        return out
    }

    static let absentWords: Set<String> = ["缺考", "absent"]

    /// Imports an exam centre's scores (the preview's lines, all valid) as round-one grades of each paper, in one
    /// transaction; refused when any line has a problem or a paper is already graded.
    public func importScores(_ matterID: UUID, text: String, by user: ActingUser) async throws -> Int {
        let lines = try await previewScores(matterID, text: text, by: user)
        if let bad = lines.first(where: { $0.problem != nil }) {
            throw InvalidInput(field: "file", .described(zh: "第\(bad.line)行：\(bad.problem!)", en: "line \(bad.line): \(bad.problem!)"))
        }
        if lines.isEmpty { throw InvalidInput(field: "file", .required) }
        let now = nowSeconds
        return try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.manages }
            try matter.require(.writtenExam)
            if try await Self.loadCompetition(matterID, tx.db).1.keyOpened != nil { throw ExamRefusal(Refusal("EXM-1", zh: "密号已拆封", en: "the key is already open")) }
            for l in lines {
                let paper = try await self.paper(matterID, admission: l.admission, tx.db)
                if try await ExamGradeRecord.query(on: tx.db).filter(\.$matterID == matterID).filter(\.$code == paper.code).first() != nil || paper.absent {
                    throw InvalidInput(field: "file", .described(zh: "第\(l.line)行：该考生已有成绩", en: "line \(l.line): already graded"))
                }
                if l.absent { paper.absent = true; try await paper.save(on: tx.db); continue }
                let g = ExamGradeRecord()
                g.id = UUID(); g.matterID = matterID; g.code = paper.code; g.round = 1; g.grader = "import:" + user.name; g.score = l.score!; g.createdAt = now
                try await g.create(on: tx.db)
            }
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.importScores, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["lines": .int(Int64(lines.count)), "sha256": .string(Hex.encode(SHA256.hash(data: Data(text.utf8))))]))
            return lines.count
        }
    }

    /// EXM-1: a supervisor of the matter's unit opens the key once every paper's score is locked: each paper's
    /// applicant is written beside its code, and the ledger keeps the whole key's digest.
    public func openExamKey(_ matterID: UUID, by user: ActingUser) async throws {
        let now = nowSeconds
        try await write { tx in
            let (_, matter, _) = try await Self.loadMatter(matterID, user, tx.db) { $0.supervises }
            try matter.require(.writtenExam)
            var (rec, c) = try await Self.loadCompetition(matterID, tx.db)
            let grading = try await Self.paperGrading(matterID, tx.db)
            try c.openKey(grading: Array(grading.values), by: user.name, at: now)
            var key: [String] = []
            for p in try await ExamPaperRecord.query(on: tx.db).filter(\.$matterID == matterID).sort(\.$code).all() {
                guard let a = try self.unsealApplicant(p.sealed, matter: matterID) else { throw InvalidInput(field: "key", .notFound(p.code)) }
                p.applicantID = a
                try await p.save(on: tx.db)
                key.append(p.code + "=" + a.uuidString)
            }
            try await Self.saveCompetition(c, rec, matter: matterID, at: now, tx.db)
            rec = nil
            try await tx.record(LedgerEvent(actor: user.name, action: CompetitionLedgerAction.openKey, subjectType: "matter", subjectID: matterID.uuidString,
                                            payload: ["papers": .int(Int64(key.count)), "key_sha256": .string(Hex.encode(SHA256.hash(data: Data(key.joined(separator: "\n").utf8))))]))
        }
    }

    /// Each applicant's final written score once the key is open (ten-thousandths; nil: absent).
    static func writtenScores(_ matterID: UUID, rules: ExamRules, _ db: any Database) async throws -> [UUID: Int64?] {
        let grading = try await paperGrading(matterID, db)
        var out: [UUID: Int64?] = [:]
        for p in try await ExamPaperRecord.query(on: db).filter(\.$matterID == matterID).all() {
            guard let a = p.applicantID else { continue }
            out[a] = grading[p.code]?.final(rules)
        }
        return out
    }
}

/// Scores in ten-thousandths of a point, as text and from text (at most 4 decimals, not negative): the score
/// sheet's own decimals (`ScoreDecimal`).
public enum Decimal4 {
    public static func text(_ v: Int64, decimals: Int = 2) -> String { ScoreDecimal(scaled: v).text(decimals: decimals) }

    public static func parse(_ raw: String) -> Int64? {
        guard let v = ScoreDecimal(raw.trimmingCharacters(in: .whitespaces)), v.scaled >= 0 else { return nil }
        return v.scaled
    }
}
