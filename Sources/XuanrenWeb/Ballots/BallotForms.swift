import SelectionCore
import Vapor
import XuanrenStore

/// Reading the forms of the ballot pages into domain values, with errors that name the field.
enum BallotForms {
    struct NewSession: Content {
        var title: String
        var kind: String
        var unit: String
        var candidates: String
        var categories: String?
        var members: String?
        var entitled: String?
        var seats: String?
        var threshold: String?
        var quorum: String?
        /// BAL-7, approval only: "approval" (同意/不同意/弃权, default) or "satisfaction" (满意/基本满意/不满意/不了解).
        var answers: String?
        var minTurnout: String?
        var previousRound: String?
        var disclosure: String?
        var pairedWith: String?
        var trackingCodes: String?   // "publish" (default) or "none"
        /// BAL-9: the custodians (监票人) holding shares of the session key, and how many must confirm the opening.
        var custodians: [String]?
        var custodianThreshold: String?
    }

    /// The custodians' confirmations on the closing form: `custodian1`/`password1`, `custodian2`/`password2`, …
    static func confirmations(_ form: [String: String]) -> [CustodianConfirmation] {
        (1 ... CustodianPlan.maxCustodians).compactMap { i in
            guard let name = form["custodian\(i)"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
            return CustodianConfirmation(username: name, password: form["password\(i)"] ?? "")
        }
    }

    static func fraction(_ text: String?, field: String, default d: Fraction) throws -> Fraction {
        guard let raw = text?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return d }
        let parts = raw.split(separator: "/")
        if parts.count == 2, let n = Int64(parts[0]), let m = Int64(parts[1]), m > 0, n >= 0, n <= m { return Fraction(n, m) }
        if parts.count == 1, let v = Double(raw), v >= 0, v <= 1 {
            let scaled = (v * 1_000_000).rounded()
            return Fraction(Int64(scaled), 1_000_000)
        }
        throw InvalidInput(field: field, .unknownValue(raw))
    }

    /// A positive whole number typed in a form field (blank → nil).
    static func count(_ text: String?, field: String) throws -> Int? {
        guard let raw = text?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let n = Int(raw), n > 0 else { throw InvalidInput(field: field, .unknownValue(raw)) }
        return n
    }

    static func box(_ f: NewSession) throws -> BallotBox {
        guard let kind = BallotKind(rawValue: f.kind) else { throw InvalidInput(field: "kind", .unknownValue(f.kind)) }
        let names = f.candidates.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names.isEmpty && kind != .election { throw InvalidInput(field: "candidates", .required) }
        if Set(names).count != names.count { throw InvalidInput(field: "candidates", .duplicate(names.first { n in names.filter { $0 == n }.count > 1 } ?? "")) }
        let candidates = names.enumerated().map { Candidate(id: "c\($0.offset + 1)", name: $0.element) }
        let settings: BallotSettings
        switch kind {
        case .weightedRecommendation:
            var cats: [VoterCategory] = []
            // one category per line: name, weight, voters — the name in words (领导班子成员) or as an id (leaders), the
            // weight as 40% or 0.4, commas Chinese or not
            let known: [String: String] = ["领导班子成员": "leaders", "领导班子": "leaders", "干部职工": "staff", "其他代表": "representatives", "代表": "representatives"]
            for line in (f.categories ?? "").split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let p = line.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
                guard p.count == 3, !p[0].isEmpty, let w = Self.weight(p[1]), w >= 0, let e = Int(p[2]), e >= 0 else {
                    throw InvalidInput(field: "categories", .unknownValue(String(line)))
                }
                cats.append(VoterCategory(id: known[p[0]] ?? p[0], weight: w, entitled: e))
            }
            if cats.isEmpty { throw InvalidInput(field: "categories", .required) }
            let total = cats.reduce(0) { $0 + $1.weight }
            if abs(total - 1) > 1e-9 {
                let percent = String(format: "%.0f%%", total * 100)
                throw InvalidInput(field: "categories", .described(zh: "各类推荐人权重合计应为100%（现为\(percent)）", en: "the weights must add up to 100% (they add up to \(percent))"))
            }
            var s = BallotSettings.Recommendation(categories: cats)
            s.minTurnout = try fraction(f.minTurnout, field: "minTurnout", default: s.minTurnout)
            settings = .weightedRecommendation(s)
        case .approval:
            guard let m = try count(f.members, field: "members") else { throw InvalidInput(field: "members", .required) }
            var s = BallotSettings.Approval(members: m)
            let answers = f.answers.flatMap { $0.isEmpty ? nil : $0 } ?? BallotSettings.Approval.AnswerSet.approval.rawValue
            guard let set = BallotSettings.Approval.AnswerSet(rawValue: answers) else { throw InvalidInput(field: "answers", .unknownValue(answers)) }
            s.answers = set
            // a satisfaction survey passes nobody: the threshold applies to 同意/不同意/弃权 only
            if set == .approval { s.threshold = try fraction(f.threshold, field: "threshold", default: s.threshold) }
            s.quorum = try fraction(f.quorum, field: "quorum", default: s.quorum)
            settings = .approval(s)
        case .evaluation:
            guard let e = try count(f.entitled, field: "entitled") else { throw InvalidInput(field: "entitled", .required) }
            var s = BallotSettings.Evaluation(entitled: e, items: standardItems, tiers: standardTiers)
            s.minTurnout = try fraction(f.minTurnout, field: "minTurnout", default: s.minTurnout)
            settings = .evaluation(s)
        case .election:
            guard let e = try count(f.entitled, field: "entitled") else { throw InvalidInput(field: "entitled", .required) }
            var s = BallotSettings.Election(entitled: e)
            s.seats = try count(f.seats, field: "seats") ?? 1
            s.minTurnout = try fraction(f.minTurnout, field: "minTurnout", default: s.minTurnout)
            settings = .election(s)
        }
        return BallotBox(title: f.title, settings: settings, candidates: candidates, ballots: [])
    }

    /// BAL-3: 德、能、勤、绩、廉 with equal weights, four tiers (the seed's evaluation form).
    static let standardItems = [EvaluationItem(id: "de", name: "德", weight: 0.2), EvaluationItem(id: "neng", name: "能", weight: 0.2),
                                EvaluationItem(id: "qin", name: "勤", weight: 0.2), EvaluationItem(id: "ji", name: "绩", weight: 0.2),
                                EvaluationItem(id: "lian", name: "廉", weight: 0.2)]
    static let standardTiers: [(name: String, points: Double)] = [("excellent", 100), ("good", 80), ("fair", 60), ("poor", 40)]

    /// The ballot a voter filled in. Field names: `rank0…`, `vote_<cand>`, `item_<cand>_<item>`, `overall_<cand>`, `choice0…`.
    static func ballot(from form: [String: String], box: BallotBox) -> Ballot {
        switch box.settings {
        case .weightedRecommendation(let s):
            let ranking = (0 ..< s.maxChoices + 1).compactMap { form["rank\($0)"] }.filter { !$0.isEmpty }
            return .recommendation(category: form["category"] ?? "", ranking: ranking)
        case .approval:
            return .approval(votes: box.candidates.compactMap { c in form["vote_\(c.id)"].flatMap { $0.isEmpty ? nil : (candidate: c.id, answer: $0) } })
        case .evaluation(let s):
            return .evaluation(ratings: box.candidates.map { c in
                let items = s.items.compactMap { i in form["item_\(c.id)_\(i.id)"].flatMap { $0.isEmpty ? nil : (item: i.id, tier: $0) } }
                let overall = form["overall_\(c.id)"].flatMap { $0.isEmpty ? nil : $0 }
                return (candidate: c.id, items: items, overall: overall)
            })
        case .election(let s):
            let choices = (0 ..< s.seats + 1).compactMap { form["choice\($0)"]?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // a listed candidate may be chosen by name; anyone else is a write-in
            return .election(choices: choices.map { typed in box.candidates.first { $0.name == typed }?.id ?? typed })
        }
    }

    /// A weight written as `40%` or `0.4`.
    static func weight(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") || t.hasSuffix("％") { return Double(t.dropLast()).map { $0 / 100 } }
        return Double(t)
    }
}
