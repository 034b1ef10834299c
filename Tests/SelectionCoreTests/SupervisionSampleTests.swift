import Foundation
import Testing
@testable import SelectionCore

// CHK-2: the sample of files — ⌈n/3⌉ by lot from a recorded seed, whatever the input order, plus every mandatory
// file — and the mandatory reasons computed from a cadre's facts with the check's settings.

@Suite("Supervision: file sampling and mandatory reasons (CHK-2)")
struct SupervisionSampleTests {
    static func ids(_ n: Int) -> [FileSampling.File] { (0 ..< n).map { FileSampling.File(id: String(format: "file-%05d", $0)) } }

    @Test("CHK-2 at least one third drawn by lot, rounded up: n = 0, 1, 2, 3, 4, 10, 10 000")
    func oneThird() throws {
        for (n, k) in [(0, 0), (1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2), (7, 3), (10, 4), (10_000, 3334)] {
            #expect(FileSampling.randomCount(of: n) == k, "n = \(n)")
            let s = try FileSampling.draw(Self.ids(n), seed: 7)
            #expect(s.files == n && s.drawn == k && s.picked.count == k, "n = \(n)")
            #expect(s.picked.map(\.lot) == (0 ..< k).map { $0 + 1 }, "n = \(n): lots 1…k in order")
            #expect(Set(s.picked.map(\.id)).count == k, "n = \(n): no file drawn twice")
            // k × 3 ≥ n, and one fewer would not be
            #expect(k * 3 >= n && (k == 0 || (k - 1) * 3 < n))
        }
    }

    @Test("CHK-2 the same seed gives the same sample whatever the order of the list; another seed another draw")
    func reproducible() throws {
        var rng = SplitMix64(seed: 42)
        var files = Self.ids(300)
        files[5].mandatory = [.lowEducation]; files[250].mandatory = [.reported, .dissatisfied]
        let first = try FileSampling.draw(files, seed: 20_260_501)
        for _ in 0 ..< 20 {
            files.shuffle(using: &rng)
            #expect(try FileSampling.draw(files, seed: 20_260_501) == first)
        }
        let other = try FileSampling.draw(files, seed: 20_260_502)
        #expect(other.picked.filter { $0.lot != nil }.map(\.id) != first.picked.filter { $0.lot != nil }.map(\.id))
    }

    @Test("CHK-2 the draw as documented: sort by UTF-8 bytes, SplitMix64 from the seed, partial Fisher–Yates (re-computed independently)")
    func documentedAlgorithm() throws {
        let names = ["王五", "张三", "Zed", "alpha", "李四", "Beta", "赵六", "孙七", "周八", "吴九"]
        let sample = try FileSampling.draw(names.map { FileSampling.File(id: $0) }, seed: 123_456_789)
        // an independent re-computation with the tests' own generator
        var ids = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(ids.first == "Beta" && ids[1] == "Zed" && ids[2] == "alpha")   // bytes, not locale order
        var g = SplitMix64(seed: 123_456_789)
        let k = (ids.count + 2) / 3
        for i in 0 ..< k {
            let j = i + Int(g.next() % UInt64(ids.count - i))
            ids.swapAt(i, j)
        }
        #expect(sample.picked.map(\.id) == Array(ids.prefix(k)))
    }

    @Test("CHK-2 every mandatory file is in the sample in addition to the lots, with its reasons; the lots do not depend on the reasons")
    func mandatoryAdded() throws {
        var files = Self.ids(30)
        let plain = try FileSampling.draw(files, seed: 99)
        let drawn = plain.picked.map(\.id)
        #expect(drawn.count == 10)
        // make five files mandatory, at least one of them not drawn
        let notDrawn = files.map(\.id).filter { !drawn.contains($0) }
        let mandatoryIDs = Array(notDrawn.prefix(4)) + [drawn[0]]
        for i in files.indices where mandatoryIDs.contains(files[i].id) { files[i].mandatory = [.exceptional] }
        let s = try FileSampling.draw(files, seed: 99)
        #expect(s.picked.filter { $0.lot != nil }.map(\.id) == drawn, "the lots are the same with or without reasons")
        #expect(s.mandatory == 5)
        #expect(s.picked.count == 10 + 4, "the drawn mandatory file counts once")
        #expect(Set(mandatoryIDs).isSubset(of: s.ids))
        #expect(s.picked.first { $0.id == drawn[0] }?.mandatory == [.exceptional] && s.picked.first { $0.id == drawn[0] }?.lot == 1)
        // the mandatory ones the lot missed come last, without a lot, in sorted order
        let tail = s.picked.suffix(4)
        #expect(tail.allSatisfy { $0.lot == nil && $0.mandatory == [.exceptional] })
        #expect(tail.map(\.id) == Array(notDrawn.prefix(4)).sorted())
        // all files mandatory: every one is in the sample
        let all = try FileSampling.draw(Self.ids(9).map { FileSampling.File(id: $0.id, mandatory: [.lowEducation]) }, seed: 1)
        #expect(all.picked.count == 9 && all.picked.filter { $0.lot != nil }.count == 3)
    }

    @Test("CHK-2 an empty or repeated file id is refused, naming it")
    func refusals() {
        #expect(throws: InvalidInput(field: "files", .duplicate("a"))) { try FileSampling.draw([.init(id: "a"), .init(id: "b"), .init(id: "a")], seed: 1) }
        #expect(throws: InvalidInput(field: "files[1].id", .required)) { try FileSampling.draw([.init(id: "a"), .init(id: "")], seed: 1) }
    }

    @Test("CHK-2 sampling 10,000 files takes well under a second")
    func tenThousand() throws {
        var files = Self.ids(10_000)
        for i in stride(from: 0, to: files.count, by: 17) { files[i].mandatory = [.lowEducation] }
        let start = ContinuousClock.now
        let s = try FileSampling.draw(files, seed: 2026)
        let elapsed = ContinuousClock.now - start
        #expect(s.drawn == 3334 && s.picked.count >= 3334 && s.mandatory == 589)
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    // MARK: mandatory reasons

    static func status(_ f: PromotionFacts, _ r: MandatoryReason, _ s: MandatorySettings = MandatorySettings()) -> ReasonResult.Status {
        MandatoryReasons.evaluate(f, settings: s).first { $0.reason == r }!.status
    }

    @Test("CHK-2 many dissatisfied votes: at 10% by default, exact in integers (10 of 100 applies, 9 does not); none held is unknown")
    func dissatisfied() {
        #expect(Self.status(PromotionFacts(evaluation: .init(dissatisfied: 10, valid: 100)), .dissatisfied) == .applies)
        #expect(Self.status(PromotionFacts(evaluation: .init(dissatisfied: 9, valid: 100)), .dissatisfied) == .clear)
        #expect(Self.status(PromotionFacts(evaluation: .init(dissatisfied: 1, valid: 10)), .dissatisfied) == .applies)
        #expect(Self.status(PromotionFacts(), .dissatisfied) == .unknown)
        #expect(Self.status(PromotionFacts(evaluation: .init(dissatisfied: 0, valid: 0)), .dissatisfied) == .unknown)
        var s = MandatorySettings(); s.dissatisfiedPercent = 20
        #expect(Self.status(PromotionFacts(evaluation: .init(dissatisfied: 19, valid: 100)), .dissatisfied, s) == .clear)
        let words = MandatoryReasons.evaluate(PromotionFacts(evaluation: .init(dissatisfied: 1, valid: 8)))[0]
        #expect(words.zh == "民主测评不满意票1/8（12.5%），达到10%")
    }

    @Test("CHK-2 reported: any report on record applies, none is clear, no source is unknown")
    func reported() {
        #expect(Self.status(PromotionFacts(reports: ["任前公示期间举报R1"]), .reported) == .applies)
        #expect(Self.status(PromotionFacts(reports: []), .reported) == .clear)
        #expect(Self.status(PromotionFacts(), .reported) == .unknown)
    }

    @Test("CHK-2 few recommendation votes or a low rank: rank beyond the posts, or votes at most half of those cast")
    func recommendation() {
        typealias R = PromotionFacts.Recommendation
        #expect(Self.status(PromotionFacts(recommendation: R(rank: 2, posts: 1)), .lowRecommendation) == .applies)
        #expect(Self.status(PromotionFacts(recommendation: R(rank: 2, posts: 2)), .lowRecommendation) == .clear)
        #expect(Self.status(PromotionFacts(recommendation: R(rank: 1, posts: 1, votes: 5, cast: 10)), .lowRecommendation) == .applies)
        #expect(Self.status(PromotionFacts(recommendation: R(rank: 1, posts: 1, votes: 6, cast: 10)), .lowRecommendation) == .clear)
        #expect(Self.status(PromotionFacts(recommendation: R(rank: nil, posts: 1)), .lowRecommendation) == .unknown)
        #expect(Self.status(PromotionFacts(), .lowRecommendation) == .unknown)
        var s = MandatorySettings(); s.rankMargin = 1
        #expect(Self.status(PromotionFacts(recommendation: R(rank: 2, posts: 1)), .lowRecommendation, s) == .clear)
    }

    @Test("CHK-2 破格 from the plan's mark; 越级 from the rank ladder: 副科级 → 副处级 skips one, 副科级 → 正科级 does not")
    func exceptionalAndSkipped() {
        #expect(Self.status(PromotionFacts(exceptional: true), .exceptional) == .applies)
        #expect(Self.status(PromotionFacts(exceptional: false), .exceptional) == .clear)
        #expect(Self.status(PromotionFacts(), .exceptional) == .unknown)
        let ladder = RankLadder.standard
        func facts(_ a: String, _ b: String) -> PromotionFacts {
            PromotionFacts(formerRank: a, formerLevel: ladder.level(of: a), newRank: b, newLevel: ladder.level(of: b))
        }
        #expect(Self.status(facts("副科级", "副处级"), .skippedGrade) == .applies)
        #expect(Self.status(facts("四级主任科员", "副处级"), .skippedGrade) == .applies)
        #expect(Self.status(facts("副科级", "正科级"), .skippedGrade) == .clear)
        #expect(Self.status(facts("科员", "副科级"), .skippedGrade) == .clear)
        #expect(Self.status(facts("科长", "副处级"), .skippedGrade) == .unknown, "a rank not on the ladder")
        #expect(facts("副科级", "正科级").isPromotion == true && facts("正科级", "正科级").isPromotion == false && facts("科长", "正科级").isPromotion == nil)
    }

    @Test("CHK-2 beyond the post count is unknown until post counts are recorded; low education below 大学本科")
    func postsAndEducation() {
        #expect(Self.status(PromotionFacts(), .beyondPostCount) == .unknown)
        #expect(Self.status(PromotionFacts(beyondPostCount: true), .beyondPostCount) == .applies)
        #expect(Self.status(PromotionFacts(education: .juniorCollege), .lowEducation) == .applies)
        #expect(Self.status(PromotionFacts(education: .bachelor), .lowEducation) == .clear)
        #expect(Self.status(PromotionFacts(education: .master), .lowEducation) == .clear)
        #expect(Self.status(PromotionFacts(), .lowEducation) == .unknown)
        var s = MandatorySettings(); s.educationBelow = .master
        #expect(Self.status(PromotionFacts(education: .bachelor), .lowEducation, s) == .applies)
    }

    @Test("CHK-2 only reasons that apply put a file in the sample: unknown is never read as applies or as clear")
    func applyingOnly() {
        let f = PromotionFacts(evaluation: .init(dissatisfied: 0, valid: 30), reports: [], exceptional: false, formerLevel: 3, newLevel: 4, education: .bachelor)
        #expect(MandatoryReasons.applying(f).isEmpty)
        let results = MandatoryReasons.evaluate(f)
        #expect(results.map(\.reason) == MandatoryReason.allCases)
        #expect(results.filter { $0.status == .unknown }.map(\.reason) == [.lowRecommendation, .beyondPostCount])
        #expect(results.allSatisfy { !$0.zh.isEmpty && !$0.en.isEmpty })
    }

    @Test("CHK-2 settings outside their ranges are refused, each named; a check stored without settings reads the defaults")
    func settings() throws {
        var s = MandatorySettings(); s.dissatisfiedPercent = 0; s.skipLevels = 1
        #expect(throws: InvalidInput.self) { try s.check() }
        do { try s.check() } catch { #expect(error.issues.map(\.field) == ["dissatisfiedPercent", "skipLevels"]) }
        let decoded = try JSONDecoder().decode(MandatorySettings.self, from: Data("{}".utf8))
        #expect(decoded == MandatorySettings())
    }
}
