import Foundation
import PropertyBased
import Testing
@testable import SelectionCore

/// Score sheets (`xuanren.scores/1`, docs/formats/score-sheet.md): the rules EXM-2, EXM-5, EXM-6, EXM-9 and
/// SCR-1…3, the shipped example, every listed input error with its JSON path, and parse(write(sheet)).
@Suite("Score sheets")
struct ScoreSheetTests {
    typealias S = ScoreSheet

    static let formats = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/formats")
    static var exampleText: String { try! String(contentsOf: formats.appendingPathComponent("score-sheet-example.json"), encoding: .utf8) }

    static func d(_ s: String) -> ScoreDecimal { ScoreDecimal(s)! }
    static func single(_ id: String, max: String = "100", weight: String = "1", advance: S.Advance? = nil) -> S.Stage {
        S.Stage(id: id, name: id, max: d(max), weight: d(weight), scoring: .single, advance: advance)
    }
    static func panel(_ id: String, trim: Int = 1, max: String = "100", weight: String = "1", elements: [S.Element] = [], advance: S.Advance? = nil) -> S.Stage {
        S.Stage(id: id, name: id, max: d(max), weight: d(weight), scoring: .panel(trim: trim, elements: elements), advance: advance)
    }
    static func judges(_ scores: [String]) -> S.EntryValue {
        .panel(scores.enumerated().map { S.JudgeScore(judge: "j\($0.offset + 1)", score: d($0.element)) })
    }
    /// A sheet whose applicants a1, a2 … have the given single scores per stage (nil: no entry).
    static func sheet(posts: Int = 1, decimals: Int = 2, stages: [S.Stage], tieBreak: [String] = [], shortlist: S.Cut = .top(1),
                      _ rows: [[S.EntryValue?]]) -> S {
        let applicants = rows.enumerated().map { i, row in
            S.Applicant(id: "a\(i + 1)", name: "申请人\(i + 1)", scores: zip(stages, row).compactMap { s, v in v.map { S.Entry(stage: s.id, $0) } })
        }
        return S(position: .init(id: "P", name: "职位", posts: posts), decimals: decimals, stages: stages, tieBreak: tieBreak,
                 shortlist: shortlist, applicants: applicants)
    }
    static func score(_ s: String) -> S.EntryValue { .score(d(s)) }

    /// The outcome's stage score text for an applicant.
    static func stageScore(_ r: ScoreSheetResult, _ id: String, _ stage: String) -> String? {
        r.applicant(id)?.stageScores.first { $0.stage == stage }.map { r.text($0.score) }
    }

    /// Parses and computes; the error, if any.
    static func problem(_ json: String) -> ScoreSheetError? {
        do { _ = try S.parse(json: json).compute(); return nil } catch { return error }
    }
    static func replaced(_ a: String, _ b: String) -> ScoreSheetError? {
        let text = exampleText
        precondition(text.contains(a), "the example has no \(a)")
        return problem(text.replacingOccurrences(of: a, with: b))
    }

    // MARK: the example

    @Test("The shipped example computes to its expected result, field for field")
    func example() throws {
        let result = try S.parse(json: Self.exampleText).compute()
        let got = try JSONSerialization.jsonObject(with: Data(result.jsonBytes())) as! NSDictionary
        let want = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.formats.appendingPathComponent("score-sheet-example.result.json"))) as! NSDictionary
        #expect(got == want)
        #expect(result.table(in: .zhHans).contains("确定为考察人选"))
        #expect(result.table(in: .en).contains("not shortlisted"))
    }

    // MARK: EXM-2, EXM-9

    @Test("EXM-2 a ratio keeps ceil(ratio × posts); everyone equal to the last one kept goes on too")
    func ratioWithTies() throws {
        let st = Self.single("w", advance: .init(cut: .ratio(Self.d("1.5")))), last = Self.single("e")
        // posts 2 × 1.5 = 3 places; a3 and a4 tie at the third
        let r = try Self.sheet(posts: 2, stages: [st, last], [[Self.score("90"), Self.score("80")], [Self.score("85"), Self.score("80")],
                                                           [Self.score("70"), Self.score("80")], [Self.score("70"), Self.score("80")],
                                                           [Self.score("69.99"), nil]]).compute()
        #expect(r.stages[0].advanced == ["a1", "a2", "a3", "a4"])
        #expect(r.applicant("a5")?.status == .notAdvanced("w"))
        #expect(r.stages[0].entered == 5)
    }

    @Test("EXM-2 top N, and a pass mark applied first (at or above it goes on); a pass mark alone keeps everyone above it")
    func topAndPassMark() throws {
        let st = Self.single("w", advance: .init(cut: .top(2), minScore: Self.d("60"))), last = Self.single("e")
        let r = try Self.sheet(stages: [st, last], [[Self.score("59.99"), nil], [Self.score("60"), Self.score("1")], [Self.score("95"), Self.score("1")],
                                                   [Self.score("40"), nil]]).compute()
        #expect(r.stages[0].advanced == ["a3", "a2"])
        #expect(r.applicant("a1")?.status == .belowPass("w"))
        #expect(r.applicant("a4")?.status == .belowPass("w"))
        let top1 = try Self.sheet(stages: [Self.single("w", advance: .init(cut: .top(1))), last],
                                  [[Self.score("80"), nil], [Self.score("90"), Self.score("1")]]).compute()
        #expect(top1.stages[0].advanced == ["a2"] && top1.applicant("a1")?.status == .notAdvanced("w"))
        let passOnly = try Self.sheet(stages: [Self.single("w", advance: .init(minScore: Self.d("60"))), last],
                                      [[Self.score("60"), Self.score("1")], [Self.score("61"), Self.score("1")], [Self.score("59"), nil]]).compute()
        #expect(passOnly.stages[0].advanced == ["a2", "a1"])
    }

    @Test("EXM-9 cutScore is the lowest stage score that went on; null and [] when nobody did")
    func cutScore() throws {
        let r = try Self.sheet(stages: [Self.single("w", advance: .init(cut: .top(2))), Self.single("e")],
                               [[Self.score("88.5"), Self.score("1")], [Self.score("77.25"), Self.score("1")], [Self.score("60"), nil]]).compute()
        #expect(r.stages[0].cutScore.map(r.text) == "77.25")
        let none = try Self.sheet(stages: [Self.single("w", advance: .init(minScore: Self.d("99"))), Self.single("e")],
                                  [[Self.score("50"), nil]]).compute()
        #expect(none.stages[0].advanced == [] && none.stages[0].cutScore == nil)
        #expect(none.stages[1].entered == 0 && none.shortlist == [])
    }

    // MARK: EXM-5, EXM-6

    @Test("EXM-5 trimmed mean: trim highest and as many lowest, one occurrence each; trim 0 averages all")
    func trimmedMean() throws {
        let r = try Self.sheet(stages: [Self.panel("i", trim: 1)], [[Self.judges(["90", "90", "80", "70", "70"])]]).compute()
        // one 90 and one 70 dropped: (90 + 80 + 70) / 3 = 80
        #expect(Self.stageScore(r, "a1", "i") == "80.00")
        let r2 = try Self.sheet(stages: [Self.panel("i", trim: 2)], [[Self.judges(["85", "86", "84", "83", "88", "85", "82"])]]).compute()
        #expect(Self.stageScore(r2, "a1", "i") == "84.67")  // (84 + 85 + 85) / 3 = 84.666…
        let r0 = try Self.sheet(stages: [Self.panel("i", trim: 0)], [[Self.judges(["80", "81"])]]).compute()
        #expect(Self.stageScore(r0, "a1", "i") == "80.50")
    }

    @Test("EXM-6 element scoring: a judge's score is the sum of elements, then trimmed and normalized")
    func elements() throws {
        let els = [S.Element(id: "lang", max: Self.d("40")), S.Element(id: "logic", max: Self.d("60"))]
        let st = Self.panel("i", trim: 1, max: "100", elements: els)
        func j(_ n: Int, _ a: String, _ b: String) -> S.JudgeScore {
            S.JudgeScore(judge: "j\(n)", .elements([.init(element: "lang", score: Self.d(a)), .init(element: "logic", score: Self.d(b))]))
        }
        let sh = S(position: .init(id: "P", name: "x", posts: 1), stages: [st], shortlist: .top(1),
                   applicants: [.init(id: "a", name: "a", scores: [.init(stage: "i", .panel([j(1, "30", "50"), j(2, "40", "60"), j(3, "20", "40")]))])])
        #expect(Self.stageScore(try sh.compute(), "a", "i") == "80.00")  // 80, 100, 60 → 80
        let round = try S.parse(bytes: sh.jsonBytes())
        #expect(round == sh)
    }

    // MARK: SCR-1

    @Test("SCR-1 composite: weights need not sum to 100; half up at rounding point 2, on the rounded stage scores")
    func composite() throws {
        // 80.005 rounds to 80.01 at point 1; (80.01 + 80.00) / 2 = 80.005 rounds half up to 80.01 at point 2
        let r = try Self.sheet(stages: [Self.single("a", weight: "3"), Self.single("b", weight: "3")], [[Self.score("80.005"), Self.score("80")]]).compute()
        #expect(Self.stageScore(r, "a1", "a") == "80.01")
        #expect(r.applicant("a1")?.composite.map(r.text) == "80.01")
        // weights 1 and 2: (80.01 + 2 × 80.00) / 3 = 80.0033… → 80.00 (no rounding of the weighted parts)
        let r2 = try Self.sheet(stages: [Self.single("a", weight: "1"), Self.single("b", weight: "2")], [[Self.score("80.005"), Self.score("80")]]).compute()
        #expect(r2.applicant("a1")?.composite.map(r2.text) == "80.00")
        // a stage of 140 normalized to 100; a stage with weight 0 counts in nothing
        let r3 = try Self.sheet(stages: [Self.single("a", max: "140", weight: "0.7"), Self.single("b", weight: "0")], [[Self.score("105"), Self.score("10")]]).compute()
        #expect(Self.stageScore(r3, "a1", "a") == "75.00" && r3.applicant("a1")?.composite.map(r3.text) == "75.00")
        // decimals 0: 84.5 → 85 (half up, not to even)
        let r4 = try Self.sheet(decimals: 0, stages: [Self.single("a")], [[Self.score("84.5")]]).compute()
        #expect(r4.applicant("a1")?.composite.map(r4.text) == "85")
    }

    // MARK: SCR-2

    @Test("SCR-2 ranking: tie-break stages in order, then shared ranks 1224; never by id or file order")
    func ranking() throws {
        let st = [Self.single("w"), Self.single("i")]
        // a2 and a3 equal on the composite (85) and on both stages; a4 equal composite but a better interview
        let rows: [[S.EntryValue?]] = [[Self.score("90"), Self.score("90")], [Self.score("80"), Self.score("90")],
                                       [Self.score("80"), Self.score("90")], [Self.score("90"), Self.score("80")], [Self.score("70"), Self.score("70")]]
        let r = try Self.sheet(stages: st, tieBreak: ["i"], shortlist: .top(5), rows).compute()
        #expect(["a1", "a2", "a3", "a4", "a5"].map { r.applicant($0)?.rank } == [1, 2, 2, 4, 5])
        #expect(r.shortlist == ["a1", "a2", "a3", "a4", "a5"])
        let noTB = try Self.sheet(stages: st, shortlist: .top(5), rows).compute()
        #expect(["a1", "a2", "a3", "a4", "a5"].map { noTB.applicant($0)?.rank } == [1, 2, 2, 2, 5])
        // the same sheet shuffled gives the same outcome per id
        var g = SplitMix64(seed: 7)
        for _ in 0 ..< 20 {
            var sh = Self.sheet(stages: st, tieBreak: ["i"], shortlist: .top(2), rows)
            sh.applicants.shuffle(using: &g)
            let x = try sh.compute()
            for id in ["a1", "a2", "a3", "a4", "a5"] { #expect(x.applicant(id) == (try Self.sheet(stages: st, tieBreak: ["i"], shortlist: .top(2), rows).compute()).applicant(id)) }
            #expect(x.shortlist == ["a1", "a2", "a3"] && x.tiedAtCut)
        }
    }

    @Test("SCR-2 a large sheet (the integer sorts): advanced by score then id, ranks = 1 + how many are strictly better")
    func largeSheetOrder() throws {
        var g = SplitMix64(seed: 42)
        let stages = [Self.single("w", advance: .init(cut: .ratio(Self.d("300")), minScore: Self.d("20"))), Self.single("i", weight: "2")]
        var rows: [[S.EntryValue?]] = []
        for _ in 0 ..< 1_500 { rows.append([Self.score("\(g.int(0 ... 60))"), Self.score("\(g.int(50 ... 70)).5")]) }
        var sh = Self.sheet(posts: 2, stages: stages, tieBreak: ["i"], shortlist: .top(40), rows)
        // a trimmed first pass (before the pass mark) would need scores for everyone; drop the unreached ones
        let firstPass = try Self.sheet(posts: 2, stages: [stages[0]], shortlist: .top(1), rows.map { [$0[0]] }).compute()
        let went = Set(firstPass.stages[0].advanced)
        sh.applicants = sh.applicants.map { a in went.contains(a.id) ? a : S.Applicant(id: a.id, name: a.name, scores: [a.scores[0]]) }
        let r = try sh.compute()
        #expect(r.stages[0].advanced == firstPass.stages[0].advanced)
        for stage in r.stages {
            let key = { (id: String) in Self.stageScore(r, id, stage.stage)! }
            for (a, b) in zip(stage.advanced, stage.advanced.dropFirst()) {
                #expect(Double(key(a))! > Double(key(b))! || (key(a) == key(b) && idLess(a, b)))
            }
        }
        let ranked = r.applicants.filter { $0.rank != nil }
        func k(_ a: ScoreSheetResult.ApplicantOutcome) -> (Int64, Int64) { (a.composite!, a.stageScores.first { $0.stage == "i" }!.score) }
        for a in ranked { #expect(a.rank == 1 + ranked.filter { k($0) > k(a) }.count) }
        #expect(r.shortlist.count >= 40 && ranked.count > 256)
    }

    // MARK: SCR-3

    @Test("SCR-3 shortlist: ceil(1.2 × 1) = 2 places, top N, tiedAtCut, fewer ranked than places")
    func shortlist() throws {
        let st = [Self.single("w")]
        let rows: [[S.EntryValue?]] = [[Self.score("90")], [Self.score("85")], [Self.score("85")], [Self.score("80")]]
        let r = try Self.sheet(stages: st, shortlist: .ratio(Self.d("1.2")), rows).compute()
        #expect(r.shortlist == ["a1", "a2", "a3"] && r.tiedAtCut)  // 2 places; a2 and a3 share rank 2
        let r2 = try Self.sheet(stages: st, shortlist: .top(1), rows).compute()
        #expect(r2.shortlist == ["a1"] && !r2.tiedAtCut)
        #expect(r2.applicant("a2")?.status == .notShortlisted)
        let r3 = try Self.sheet(stages: st, shortlist: .top(3), rows).compute()
        #expect(r3.shortlist == ["a1", "a2", "a3"] && !r3.tiedAtCut)
        let r4 = try Self.sheet(stages: st, shortlist: .ratio(Self.d("3")), [[Self.score("50")], [Self.score("40")]]).compute()
        #expect(r4.shortlist == ["a1", "a2"] && !r4.tiedAtCut)
    }

    @Test("Excluded and absent applicants: listed, never ranked or advanced; an excluded applicant's scores ignored")
    func excludedAndAbsent() throws {
        var sh = Self.sheet(stages: [Self.single("w"), Self.single("i")], [[Self.score("90"), .absent], [Self.score("80"), Self.score("70")]])
        sh.applicants.append(.init(id: "x", name: "x", excluded: "弃权", scores: [.init(stage: "nowhere", .score(Self.d("900")))]))
        let r = try sh.compute()
        #expect(r.applicant("a1")?.status == .absent("i") && r.applicant("a1")?.rank == nil)
        #expect(r.applicant("x")?.status == .excluded && r.applicant("x")?.stageScores == [])
        #expect(r.stages[1].entered == 1 && r.shortlist == ["a2"])
    }

    // MARK: input errors

    @Test("Input: bad JSON (truncated, empty, trailing data)")
    func badJSON() {
        let t = Self.exampleText
        #expect(Self.problem(String(t.prefix(300)))?.problem == .unexpectedEnd)
        #expect(Self.problem("")?.problem == .emptyInput)
        #expect(Self.problem(t + "{}")?.problem == .trailingData)
        #expect(Self.problem("{\"format\": }")?.path == "$.format")
    }

    @Test("Input: unknown format")
    func unknownFormat() {
        #expect(Self.replaced("xuanren.scores/1", "xuanren.scores/2") == ScoreSheetError("$.format", .unknownFormat("xuanren.scores/2")))
    }

    @Test("Input: a required field missing")
    func missingField() {
        #expect(Self.replaced(", \"posts\": 1}", "}") == ScoreSheetError("$.position.posts", .missing))
        #expect(Self.replaced("\"shortlist\": {\"ratio\": 3},", "") == ScoreSheetError("$.shortlist", .missing))
        #expect(Self.replaced("{\"id\": \"A07\", \"name\": \"赵磊\", ", "{\"id\": \"A07\", ")?.path == "$.applicants[6].name")
    }

    @Test("Input: a field of the wrong type")
    func wrongType() {
        #expect(Self.replaced("\"decimals\": 2", "\"decimals\": \"2\"") == ScoreSheetError("$.decimals", .wrongType("integer")))
        #expect(Self.replaced("\"written\": 86.5", "\"written\": true")?.path == "$.applicants[0].scores.written")
        #expect(Self.replaced("\"evaluation\": 92", "\"evaluation\": {\"j1\": 92}") == ScoreSheetError("$.applicants[0].scores.evaluation", .wrongType("number")))
        #expect(Self.replaced("\"j2\": 86,", "\"j2\": [86],")?.path == "$.applicants[0].scores.interview.j2")
    }

    @Test("Input: duplicate ids")
    func duplicateIDs() {
        #expect(Self.replaced("\"id\": \"A02\"", "\"id\": \"A01\"") == ScoreSheetError("$.applicants[1].id", .duplicateID("A01")))
        #expect(Self.replaced("\"id\": \"evaluation\"", "\"id\": \"written\"") == ScoreSheetError("$.stages[2].id", .duplicateID("written")))
    }

    @Test("Input: a score above the stage's maximum or below 0")
    func outOfRange() {
        #expect(Self.replaced("\"written\": 86.5", "\"written\": 100.5") == ScoreSheetError("$.applicants[0].scores.written", .aboveMax("100")))
        #expect(Self.replaced("\"written\": 86.5", "\"written\": -1") == ScoreSheetError("$.applicants[0].scores.written", .negative))
        #expect(Self.replaced("\"j2\": 86,", "\"j2\": 186,") == ScoreSheetError("$.applicants[0].scores.interview.j2", .aboveMax("100")))
    }

    @Test("Input: a panel score with fewer judges than 2 × trim + 1")
    func tooFewJudges() {
        #expect(Self.replaced("{\"j1\": 84, \"j2\": 86, \"j3\": 85, \"j4\": 83, \"j5\": 88, \"j6\": 85, \"j7\": 82}", "{\"j1\": 84, \"j2\": 86}")
                == ScoreSheetError("$.applicants[0].scores.interview", .tooFewJudges(2, 3)))
    }

    static let elementSheet = """
        {"format": "xuanren.scores/1", "position": {"id": "P", "name": "p", "posts": 1},
         "stages": [{"id": "i", "name": "面试", "max": 100, "weight": 1, "scoring": "panel", "trim": 0,
                     "elements": [{"id": "lang", "max": 40}, {"id": "logic", "max": 60}]}],
         "shortlist": {"top": 1},
         "applicants": [{"id": "a", "name": "a", "scores": {"i": {"j1": {"lang": 30, "logic": 50}, "j2": {"lang": 40, "logic": 60}}}}]}
        """

    @Test("Input: a judge's element score above the element's maximum")
    func elementAboveMax() {
        #expect(Self.problem(Self.elementSheet) == nil)
        #expect(Self.problem(Self.elementSheet.replacingOccurrences(of: "\"lang\": 30", with: "\"lang\": 41"))
                == ScoreSheetError("$.applicants[0].scores.i.j1.lang", .aboveMax("40")))
        #expect(Self.problem(Self.elementSheet.replacingOccurrences(of: "\"lang\": 30, ", with: ""))
                == ScoreSheetError("$.applicants[0].scores.i.j1.lang", .missing))
        #expect(Self.problem(Self.elementSheet.replacingOccurrences(of: "\"lang\": 30", with: "\"style\": 30"))
                == ScoreSheetError("$.applicants[0].scores.i.j1.style", .unknownElement("style")))
    }

    @Test("Input: elements whose maxima do not sum to the stage's max")
    func elementsDoNotSum() {
        #expect(Self.problem(Self.elementSheet.replacingOccurrences(of: "{\"id\": \"logic\", \"max\": 60}", with: "{\"id\": \"logic\", \"max\": 50}"))
                == ScoreSheetError("$.stages[0].elements", .elementsDoNotSum("90", "100")))
    }

    @Test("Input: a score for a stage the applicant did not reach")
    func stageNotReached() {
        // A06 missed the written cut; A07 fell under the pass mark; A09 was absent from the interview
        #expect(Self.replaced("{\"written\": 71.5}", "{\"written\": 71.5, \"interview\": \"absent\"}")
                == ScoreSheetError("$.applicants[5].scores.interview", .stageNotReached("interview")))
        #expect(Self.replaced("{\"written\": 55}", "{\"written\": 55, \"evaluation\": 80}")
                == ScoreSheetError("$.applicants[6].scores.evaluation", .stageNotReached("evaluation")))
        #expect(Self.replaced("\"interview\": \"absent\"}", "\"interview\": \"absent\", \"evaluation\": 70}")
                == ScoreSheetError("$.applicants[8].scores.evaluation", .stageNotReached("evaluation")))
        #expect(Self.replaced("{\"written\": 71.5}", "{\"written\": 71.5, \"oral\": 3}")
                == ScoreSheetError("$.applicants[5].scores.oral", .unknownStage("oral")))
    }

    @Test("Input: a missing score for an applicant who advanced and is not absent")
    func missingScore() {
        #expect(Self.replaced(",\n      \"evaluation\": 88}", "}") == ScoreSheetError("$.applicants[1].scores.evaluation", .missing))
    }

    @Test("Input: an unknown stage id in tieBreak")
    func unknownTieBreak() {
        #expect(Self.replaced("[\"interview\", \"written\"]", "[\"interview\", \"oral\"]") == ScoreSheetError("$.tieBreak[1]", .unknownStage("oral")))
    }

    @Test("Input: ratio and top both")
    func ratioAndTop() {
        #expect(Self.replaced("{\"ratio\": 3}", "{\"ratio\": 3, \"top\": 1}") == ScoreSheetError("$.shortlist", .ratioAndTop))
        #expect(Self.replaced("{\"ratio\": 5, \"minScore\": 60}", "{\"ratio\": 5, \"top\": 2, \"minScore\": 60}") == ScoreSheetError("$.stages[0].advance", .ratioAndTop))
    }

    @Test("Input: 5 decimals are refused, 4 (and trailing zeros) are fine; exact from strings and exponents")
    func decimals() {
        #expect(Self.replaced("\"written\": 86.5", "\"written\": 86.12345") == ScoreSheetError("$.applicants[0].scores.written", .tooManyPlaces))
        #expect(Self.replaced("\"written\": 86.5", "\"written\": \"86.12345\"") == ScoreSheetError("$.applicants[0].scores.written", .tooManyPlaces))
        #expect(Self.replaced("\"written\": 86.5", "\"written\": 85.12340") == nil)
        #expect(Self.replaced("\"written\": 86.5", "\"written\": \"86.5\"") == nil)
        #expect(Self.replaced("\"written\": 86.5", "\"written\": 8.65e1") == nil)
        #expect(Self.replaced("\"written\": 86.5", "\"written\": \"86,5\"") == ScoreSheetError("$.applicants[0].scores.written", .wrongType("number")))
        #expect(ScoreDecimal("85.12340")?.scaled == 851_234 && ScoreDecimal("1e-4")?.scaled == 1 && ScoreDecimal("1e-5") == nil)
        #expect(ScoreDecimal("0.00000") == ScoreDecimal(0) && ScoreDecimal("-0.5")?.scaled == -5_000 && ScoreDecimal("01") == nil)
    }

    @Test("Input: numbers too large for exact arithmetic are input errors, never a crash")
    func overflow() {
        #expect(Self.replaced("\"written\": 86.5", "\"written\": 99999999999999999999999")?.problem == .tooLarge)
        #expect(Self.replaced("\"scale\": 100", "\"scale\": 1000000000000000")?.problem == .tooLarge)  // × 10⁴ is past 64 bits
        // the largest scale with 4 decimals still computes exactly (products are 128-bit)
        #expect(Self.replaced("\"decimals\": 2,\n  \"scale\": 100", "\"decimals\": 4,\n  \"scale\": 900000000000000") == nil)
        let big = Self.exampleText.replacingOccurrences(of: "\"max\": 100", with: "\"max\": 900000000000000")
            .replacingOccurrences(of: "\"weight\": 40", with: "\"weight\": 900000000000000")
            .replacingOccurrences(of: "\"written\": 86.5", with: "\"written\": 900000000000000")
        _ = Self.problem(big)  // whatever it says, it says it without crashing
    }

    @Test("Messages name the path in zh-Hans and English")
    func messages() {
        let e = ScoreSheetError("$.applicants[3].scores.interview.j2", .aboveMax("100"))
        #expect(e.message(in: .zhHans).contains("$.applicants[3].scores.interview.j2") && e.message(in: .zhHans).contains("满分"))
        #expect(e.message(in: .en).contains("$.applicants[3].scores.interview.j2") && e.message(in: .en).contains("maximum"))
        #expect(e.kind.exitCode == 2)
    }

    // MARK: property

    /// A random valid sheet: stages single or panel (with or without elements), cuts, pass marks, absences and ties.
    static func randomSheet(_ seed: Int) -> S {
        var g = SplitMix64(seed: UInt64(seed))
        let stageCount = g.int(1 ... 3)
        var stages: [S.Stage] = []
        for s in 0 ..< stageCount {
            let max = g.pick(["100", "140", "20.5", "10"])
            var advance: S.Advance? = nil
            if g.chance(60) {
                let cut: S.Cut? = g.chance(40) ? .ratio(d(g.pick(["1", "1.2", "2.5", "3"]))) : g.chance(50) ? .top(g.int(1 ... 4)) : nil
                advance = S.Advance(cut: cut, minScore: g.chance(40) ? d(g.pick(["50", "60", "72.5"])) : nil)
            }
            let weight = s == 0 ? g.pick(["1", "40", "33.3333"]) : g.pick(["0", "20", "1.5"])
            if g.chance(50) {
                let elements: [S.Element] = g.chance(40) ? [.init(id: "e1", max: d(max) == d("20.5") ? d("10.5") : d("4")),
                                                            .init(id: "e2", max: ScoreDecimal(scaled: d(max).scaled - (d(max) == d("20.5") ? d("10.5") : d("4")).scaled))] : []
                stages.append(S.Stage(id: "s\(s)", name: "环节\(s)", max: d(max), weight: d(weight), scoring: .panel(trim: g.int(0 ... 2), elements: elements), advance: advance))
            } else {
                stages.append(S.Stage(id: "s\(s)", name: "环节\(s)", max: d(max), weight: d(weight), scoring: .single, advance: advance))
            }
        }
        func value(_ max: ScoreDecimal, _ g: inout SplitMix64) -> ScoreDecimal {
            g.chance(30) ? ScoreDecimal(scaled: max.scaled * Int64(g.int(5 ... 10)) / 10) : ScoreDecimal(scaled: Int64(g.int(0 ... Int(max.scaled))))
        }
        var applicants: [S.Applicant] = []
        for i in 0 ..< g.int(0 ... 25) {
            var entries: [S.Entry] = []
            for st in stages {
                if g.chance(8) { entries.append(.init(stage: st.id, .absent)); continue }
                switch st.scoring {
                case .single: entries.append(.init(stage: st.id, .score(value(st.max, &g))))
                case .panel(let trim, let elements):
                    let judges = (0 ..< (2 * trim + 1 + g.int(0 ... 3))).map { j -> S.JudgeScore in
                        if elements.isEmpty { return .init(judge: "j\(j)", score: value(st.max, &g)) }
                        return .init(judge: "j\(j)", .elements(elements.map { .init(element: $0.id, score: value($0.max, &g)) }))
                    }
                    entries.append(.init(stage: st.id, .panel(judges)))
                }
            }
            applicants.append(.init(id: "id\(g.int(0 ... 9))-\(i)", name: "名\(i)", excluded: g.chance(5) ? "退出" : nil, scores: entries))
        }
        var sheet = S(position: .init(id: "P\(seed)", name: "职位", posts: g.int(1 ... 3)), decimals: g.int(0 ... 4),
                      scale: d(g.pick(["100", "10", "150.5"])), stages: stages, tieBreak: g.chance(50) ? [stages[g.int(0 ... stageCount - 1)].id] : [],
                      shortlist: g.chance(50) ? .ratio(d(g.pick(["1.2", "3", "0.5"]))) : .top(g.int(1 ... 5)), applicants: applicants)
        // drop the scores of stages an applicant did not reach until the sheet is valid
        while true {
            do { _ = try sheet.compute(); return sheet } catch {
                guard case .stageNotReached(let stage) = error.problem,
                      let i = Int(error.path.dropFirst("$.applicants[".count).prefix { $0 != "]" }) else { fatalError("\(error)") }
                sheet.applicants[i].scores.removeAll { $0.stage == stage }
            }
        }
    }

    @Test("parse(write(sheet)) is the same sheet and computes the same result; shuffling applicants changes no outcome")
    func roundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0 ... 1_000_000)) { seed in
            let sheet = Self.randomSheet(seed)
            let again = try! S.parse(bytes: sheet.jsonBytes())
            #expect(again == sheet)
            let r = try! sheet.compute()
            #expect(try! again.compute() == r)
            var shuffled = sheet
            var g = SplitMix64(seed: UInt64(seed) &+ 1)
            shuffled.applicants.shuffle(using: &g)
            let s = try! shuffled.compute()
            #expect(s.shortlist == r.shortlist && s.tiedAtCut == r.tiedAtCut && s.stages == r.stages)
            for a in r.applicants { #expect(s.applicant(a.applicant) == a) }
        }
    }
}
