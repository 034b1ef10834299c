import Foundation
@testable import SelectionCore

func tally(_ json: String) throws(BallotBoxError) -> TallyResult {
    try BallotBoxReader.tally { MemoryByteSource(json) }
}

func tally(bytes: [UInt8]) throws(BallotBoxError) -> TallyResult {
    try BallotBoxReader.tally { MemoryByteSource(bytes) }
}

/// Streams the exported box and also counts it in memory; both must agree.
func tallyBoth(_ box: BallotBox) throws -> TallyResult {
    let streamed = try tally(box.json())
    let inMemory = try Tally.count(box)
    precondition(streamed == inMemory, "stream and memory disagree")
    return streamed
}

func parsed(_ result: TallyResult) -> [String: Any] {
    try! JSONSerialization.jsonObject(with: Data(result.json().utf8)) as! [String: Any]
}

func inputError(_ json: String) -> BallotBoxError? {
    do { _ = try tally(json); return nil } catch { return error }
}

let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

/// A weighted-recommendation box with the example's categories.
func recommendationBox(_ ballots: [(String, [String])], categories: [VoterCategory]? = nil, candidates: [String] = ["c1", "c2", "c3"],
                       configure: (inout BallotSettings.Recommendation) -> Void = { _ in }) -> BallotBox {
    var s = BallotSettings.Recommendation(categories: categories ?? [
        VoterCategory(id: "leaders", weight: 0.4, entitled: 3),
        VoterCategory(id: "staff", weight: 0.3, entitled: 4),
        VoterCategory(id: "representatives", weight: 0.3, entitled: 2),
    ])
    configure(&s)
    return BallotBox(title: "test", settings: .weightedRecommendation(s), candidates: candidates.map { Candidate(id: $0, name: $0) },
                     ballots: ballots.map { .recommendation(category: $0.0, ranking: $0.1) })
}

func approvalBox(members: Int, _ ballots: [[(String, String)]], candidates: [String] = ["c1"],
                 configure: (inout BallotSettings.Approval) -> Void = { _ in }) -> BallotBox {
    var s = BallotSettings.Approval(members: members)
    configure(&s)
    return BallotBox(title: "vote", settings: .approval(s), candidates: candidates.map { Candidate(id: $0, name: $0) },
                     ballots: ballots.map { .approval(votes: $0.map { (candidate: $0.0, answer: $0.1) }) })
}

let fiveItems = [EvaluationItem(id: "de", name: "德", weight: 0.2), EvaluationItem(id: "neng", name: "能", weight: 0.2),
                 EvaluationItem(id: "qin", name: "勤", weight: 0.2), EvaluationItem(id: "ji", name: "绩", weight: 0.2),
                 EvaluationItem(id: "lian", name: "廉", weight: 0.2)]
let fourTiers: [(name: String, points: Double)] = [("excellent", 100), ("good", 80), ("fair", 60), ("poor", 40)]

/// A full evaluation rating of one candidate: every item at `tier`, overall `overall`.
func rating(_ c: String, _ tier: String = "good", _ overall: String = "competent", items: [EvaluationItem] = fiveItems)
    -> (candidate: String, items: [(item: String, tier: String)]?, overall: String?) {
    (candidate: c, items: items.map { (item: $0.id, tier: tier) }, overall: overall)
}

func evaluationBox(entitled: Int, _ ballots: [[(candidate: String, items: [(item: String, tier: String)]?, overall: String?)]],
                   candidates: [String] = ["c1"], configure: (inout BallotSettings.Evaluation) -> Void = { _ in }) -> BallotBox {
    var s = BallotSettings.Evaluation(entitled: entitled, items: fiveItems, tiers: fourTiers)
    configure(&s)
    return BallotBox(title: "测评", settings: .evaluation(s), candidates: candidates.map { Candidate(id: $0, name: $0) },
                     ballots: ballots.map { .evaluation(ratings: $0) })
}

func electionBox(entitled: Int, _ ballots: [[String]], candidates: [String] = [], configure: (inout BallotSettings.Election) -> Void = { _ in }) -> BallotBox {
    var s = BallotSettings.Election(entitled: entitled)
    configure(&s)
    return BallotBox(title: "直选", settings: .election(s), candidates: candidates.map { Candidate(id: $0, name: $0) },
                     ballots: ballots.map { .election(choices: $0) })
}

extension TallyResult {
    var recommendationRows: [RecommendationRow] { if case .recommendation(let r, _) = rows { return r }; return [] }
    var emptyCategories: [String] { if case .recommendation(_, let e) = rows { return e }; return [] }
    var approvalRows: [ApprovalRow] { if case .approval(let r) = rows { return r }; return [] }
    var evaluationRows: [EvaluationRow] { if case .evaluation(let r) = rows { return r }; return [] }
    var electionRows: [ElectionRow] { if case .election(let r, _) = rows { return r }; return [] }
    var tieAtBoundary: Bool { if case .election(_, let t) = rows { return t }; return false }
    var reasons: [InvalidReason] { invalid.map(\.reason) }
}

/// Compares two JSON values, numbers to 1e-9.
func jsonClose(_ a: Any?, _ b: Any?, path: String = "$") -> String? {
    switch (a, b) {
    case (let x as [String: Any], let y as [String: Any]):
        if Set(x.keys) != Set(y.keys) { return "\(path): keys \(x.keys.sorted()) vs \(y.keys.sorted())" }
        for k in x.keys { if let d = jsonClose(x[k], y[k], path: path + "." + k) { return d } }
        return nil
    case (let x as [Any], let y as [Any]):
        if x.count != y.count { return "\(path): \(x.count) vs \(y.count) elements" }
        for i in x.indices { if let d = jsonClose(x[i], y[i], path: path + "[\(i)]") { return d } }
        return nil
    case (let x?, let y?) where type(of: x) == Bool.self || type(of: y) == Bool.self:
        guard type(of: x) == type(of: y) else { return "\(path): \(x) vs \(y)" }
        return (x as! Bool) == (y as! Bool) ? nil : "\(path): \(x) vs \(y)"
    case (let x as NSNumber, let y as NSNumber):
        return abs(x.doubleValue - y.doubleValue) <= 1e-9 ? nil : "\(path): \(x) vs \(y)"
    case (let x as String, let y as String): return x == y ? nil : "\(path): \(x) vs \(y)"
    case (is NSNull, is NSNull): return nil
    default: return "\(path): \(String(describing: a)) vs \(String(describing: b))"
    }
}
