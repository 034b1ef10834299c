import Foundation
import PropertyBased
import Testing
@testable import SelectionCore

/// BAL-7 approval ballots with the satisfaction answers 满意 / 基本满意 / 不满意 / 不了解 (ASM-3 flags), as an extension of
/// `xuanren.ballot-box/1` (docs/formats/ballot-box.md, “Satisfaction answers”).
@Suite("Satisfaction surveys (BAL-7, ASM-3)")
struct SatisfactionTallyTests {
    static let formats = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/formats")

    /// A satisfaction box; `configure` may change the shares or the quorum.
    func box(members: Int, _ ballots: [[(String, String)]], candidates: [String] = ["c1"],
             configure: (inout BallotSettings.Approval) -> Void = { _ in }) -> BallotBox {
        approvalBox(members: members, ballots, candidates: candidates) { s in
            s.answers = .satisfaction
            s.quorum = Fraction(0, 1)
            configure(&s)
        }
    }

    /// `n` ballots giving c1 `answer`.
    func answers(_ answer: String, _ n: Int) -> [[(String, String)]] { Array(repeating: [("c1", answer)], count: n) }

    func rows(_ r: TallyResult) -> [TallyResult.SatisfactionRow] { if case .satisfaction(let rows) = r.rows { return rows }; return [] }

    @Test("BAL-7 satisfaction ballots count 满意…不了解 and flag > 1/3 不满意")
    func counts() throws {
        let r = try tallyBoth(box(members: 10, answers("satisfied", 3) + answers("basic", 2) + answers("dissatisfied", 4) + answers("unknown", 1)))
        #expect(r.kind == .approval && r.voidReason == nil && r.valid == 10)
        let row = try #require(rows(r).first)
        #expect((row.satisfied, row.basic, row.dissatisfied, row.unknown) == (3, 2, 4, 1))
        #expect(row.satisfaction == 0.5 && row.dissatisfiedShare == 0.4)
        #expect(row.admonish == true)    // 4 of 10 > 1/3
        #expect(row.demote == false)     // 4 of 10 is not > 1/2
        #expect(r.approvalRows.isEmpty)  // not an approval row: no `passed`
        // the JSON: the four counts, the shares, the flags, no `passed`; "answers" after "kind"
        let j = parsed(r)
        #expect(j["answers"] as? String == "satisfaction")
        let res = try #require((j["results"] as? [[String: Any]])?.first)
        #expect(Set(res.keys) == ["candidate", "satisfied", "basic", "dissatisfied", "unknown", "satisfaction", "dissatisfiedShare", "admonish", "demote"])
        #expect(res["passed"] == nil)
        #expect(res["dissatisfied"] as? Int == 4 && res["admonish"] as? Bool == true && res["demote"] as? Bool == false)
        #expect(r.json().hasPrefix(#"{"format":"xuanren.tally/1","kind":"approval","answers":"satisfaction","void":false"#))
        // an approval vote's JSON is unchanged: no "answers" key
        #expect(!(try tallyBoth(approvalBox(members: 3, [[("c1", "yes")]]))).json().contains("answers"))
    }

    @Test("BAL-7 exactly 1/3 不满意 does not admonish and exactly 1/2 does not demote; one more ballot does")
    func boundaries() throws {
        // 3 of 9 valid is exactly 1/3: not strictly more
        let third = try #require(rows(try tallyBoth(box(members: 9, answers("dissatisfied", 3) + answers("satisfied", 6)))).first)
        #expect(third.admonish == false && third.demote == false)
        let four = try #require(rows(try tallyBoth(box(members: 9, answers("dissatisfied", 4) + answers("satisfied", 5)))).first)
        #expect(four.admonish == true && four.demote == false)
        // 5 of 10 is exactly 1/2; 6 of 10 is more
        let half = try #require(rows(try tallyBoth(box(members: 10, answers("dissatisfied", 5) + answers("unknown", 5)))).first)
        #expect(half.admonish == true && half.demote == false)
        let six = try #require(rows(try tallyBoth(box(members: 10, answers("dissatisfied", 6) + answers("basic", 4)))).first)
        #expect(six.admonish == true && six.demote == true)
        // the base is the valid ballots: an invalid ballot does not dilute the share (3 of 9 valid, 10 cast)
        let diluted = try tallyBoth(box(members: 10, answers("dissatisfied", 3) + answers("satisfied", 6) + [[("c1", "yes")]]))
        #expect(diluted.valid == 9 && rows(diluted)[0].admonish == false)
        let counted = try tallyBoth(box(members: 10, answers("dissatisfied", 4) + answers("satisfied", 5) + [[("c1", "maybe")]]))
        #expect(counted.valid == 9 && rows(counted)[0].admonish == true)
        // shares from the settings, compared in integers: 0.3 of 10 → 3 is not more, 4 is
        let custom: (inout BallotSettings.Approval) -> Void = { $0.admonishShare = Fraction(3, 10); $0.demoteShare = Fraction(2, 3) }
        #expect(rows(try tallyBoth(box(members: 10, answers("dissatisfied", 3) + answers("satisfied", 7), configure: custom)))[0].admonish == false)
        let seven = rows(try tallyBoth(box(members: 10, answers("dissatisfied", 7) + answers("satisfied", 3), configure: custom)))[0]
        #expect(seven.admonish == true && seven.demote == true)   // 7 × 3 = 21 > 2 × 10
        #expect(rows(try tallyBoth(box(members: 9, answers("dissatisfied", 6) + answers("satisfied", 3), configure: custom)))[0].demote == false)  // exactly 2/3
        // the same from a file with the shares as decimals
        let file = #"{"format":"xuanren.ballot-box/1","kind":"approval","settings":{"members":10,"quorum":0,"answers":"satisfaction","admonishShare":0.3,"demoteShare":0.6},"#
            + #""candidates":[{"id":"c1"}],"ballots":["# + (Array(repeating: #"{"votes":{"c1":"dissatisfied"}}"#, count: 6) + Array(repeating: #"{"votes":{"c1":"basic"}}"#, count: 4)).joined(separator: ",") + "]}"
        let f = rows(try tally(file))[0]
        #expect(f.admonish == true && f.demote == false)   // 6 of 10 is exactly 0.6
    }

    @Test("BAL-7 a candidate left out counts as 不了解; an answer outside the four is invalid (unknown-answer)")
    func ballotRules() throws {
        let r = try tallyBoth(box(members: 8, [
            [("c1", "satisfied"), ("c2", "basic")],
            [("c1", "dissatisfied")],                       // c2 left out → unknown
            [],                                             // both left out
            [("c1", "yes"), ("c2", "satisfied")],           // an approval answer in a survey
            [("c1", "unclear")],                            // a paper ballot marked unclearly
            [("c9", "satisfied")],                          // not a candidate
            [("c1", "unknown"), ("c2", "dissatisfied")],
        ], candidates: ["c1", "c2"]))
        #expect(r.reasons == [.unknownAnswer, .unknownAnswer, .unknownCandidate])
        #expect(r.invalid.map(\.index) == [3, 4, 5])
        #expect(r.cast == 7 && r.valid == 4)
        let c1 = rows(r)[0], c2 = rows(r)[1]
        #expect((c1.satisfied, c1.basic, c1.dissatisfied, c1.unknown) == (1, 0, 1, 2))
        #expect((c2.satisfied, c2.basic, c2.dissatisfied, c2.unknown) == (0, 1, 1, 2))
        #expect(c2.satisfaction == 0.25 && c2.dissatisfiedShare == 0.25)
        // a candidate answered twice (a file can say so) is a duplicate
        let dup = #"{"format":"xuanren.ballot-box/1","kind":"approval","settings":{"members":3,"answers":"satisfaction"},"candidates":[{"id":"c1"}],"#
            + #""ballots":[{"votes":{"c1":"satisfied","c1":"basic"}},{"votes":{"c1":"basic"}},{"votes":{"c1":"basic"}}]}"#
        #expect(try tally(dup).reasons == [.duplicateChoice])
        // an approval vote keeps its answers: a satisfaction answer there is invalid
        #expect(try tallyBoth(approvalBox(members: 3, [[("c1", "satisfied")]], configure: { $0.quorum = Fraction(0, 1) })).reasons == [.unknownAnswer])
        // the check before an online ballot is cast uses the same rules
        let b = box(members: 3, [])
        #expect(try Tally.check(.approval(votes: [(candidate: "c1", answer: "dissatisfied")]), in: b) == nil)
        #expect(try Tally.check(.approval(votes: [(candidate: "c1", answer: "no")]), in: b) == .unknownAnswer)
    }

    @Test("BAL-7 quorum and over-issued void a satisfaction survey: counts kept, flags false")
    func voidRules() throws {
        let quorum = try tallyBoth(box(members: 9, answers("dissatisfied", 5), configure: { $0.quorum = Fraction(2, 3) }))
        #expect(quorum.voidReason == .quorum)
        #expect(rows(quorum)[0].dissatisfied == 5 && rows(quorum)[0].admonish == false && rows(quorum)[0].demote == false)
        #expect(rows(quorum)[0].dissatisfiedShare == 1.0)   // the shares are still given
        #expect(try tallyBoth(box(members: 9, answers("dissatisfied", 6), configure: { $0.quorum = Fraction(2, 3) })).voidReason == nil)
        let over = try tallyBoth(box(members: 3, answers("dissatisfied", 4)))
        #expect(over.voidReason == .overIssued)
        #expect(rows(over)[0].admonish == false && rows(over)[0].demote == false)
        #expect(parsed(over)["voidReason"] as? String == "over-issued")
        #expect(over.grid(in: .zhHans).verdict == "结论：收回票数多于发出票数，测评无效")
    }

    @Test("BAL-7 no valid ballot: shares null, flags false")
    func noValidBallot() throws {
        let r = try tallyBoth(box(members: 3, [[("c1", "yes")]]))
        #expect(r.valid == 0)
        let row = rows(r)[0]
        #expect(row.satisfaction == nil && row.dissatisfiedShare == nil && !row.admonish && !row.demote)
        #expect(r.json().contains(#""satisfaction":null,"dissatisfiedShare":null"#))
        let empty = try tallyBoth(box(members: 3, []))
        #expect(rows(empty)[0].unknown == 0 && rows(empty)[0].satisfaction == nil)
    }

    @Test("BAL-7 settings: without answers a box means what it meant; an unknown answers value is an input error naming its path")
    func settings() throws {
        func file(_ settings: String) -> String {
            #"{"format":"xuanren.ballot-box/1","kind":"approval","settings":{"# + settings + #"},"candidates":[{"id":"c1"}],"ballots":[{"votes":{"c1":"yes"}},{"votes":{"c1":"no"}}]}"#
        }
        let plain = try tally(file(#""members":2"#))
        #expect(try tally(file(#""members":2,"answers":"approval""#)) == plain)
        let ignored = try tally(file(#""members":2,"answers":"approval","admonishShare":0.2"#))   // a survey's share, read and ignored
        #expect(plain.approvalRows.count == 1 && plain.json() == ignored.json())
        let bad = try #require(inputError(file(#""members":2,"answers":"satisfied""#)))
        #expect(bad.path == "$.settings.answers")
        #expect(bad.problem == .unknownAnswerSet("satisfied"))
        #expect(bad.message(in: .en) == "not a valid ballot box: $.settings.answers: unknown answers “satisfied”, expected \"approval\" or \"satisfaction\"")
        #expect(bad.message(in: .zhHans) == "无效的票箱文件：$.settings.answers：未知的选项“satisfied”，应为 approval 或 satisfaction")
        let number = try #require(inputError(file(#""members":2,"answers":3"#)))
        #expect(number.path == "$.settings.answers" && number.problem == .wrongType("string"))
        #expect(inputError(file(#""members":2,"answers":"satisfaction","admonishShare":1.5"#))?.path == "$.settings.admonishShare")
        #expect(inputError(file(#""members":2,"answers":"satisfaction","demoteShare":{"num":1,"den":0}"#))?.path == "$.settings.demoteShare.den")
        #expect(inputError(file(#""members":2,"answers":"satisfaction","demoteShare":0.3333333"#))?.problem == .fractionFormat)
        // the defaults and the settings written by the server, read back
        let b = box(members: 4, [], configure: { $0.admonishShare = Fraction(1, 4) })
        let text = b.json()
        #expect(text.contains(#""members":4,"quorum":{"num":0,"den":1},"answers":"satisfaction","admonishShare":{"num":1,"den":4},"demoteShare":{"num":1,"den":2}}"#))
        #expect(!text.contains("threshold") && !text.contains("\"base\""))
        let header = try BallotBoxReader.header(MemoryByteSource(text))
        #expect(header.settings == b.settings)
        // an approval vote's box is written as before: no answers, no shares
        let approval = approvalBox(members: 4, []).json()
        #expect(approval.contains(#""threshold":{"num":1,"den":2},"base":"members"}"#) && !approval.contains("answers") && !approval.contains("Share"))
        // every ballot of a session fits its fixed sealed length, "dissatisfied" for every candidate included
        let wide = box(members: 4, [], candidates: ["c1", "c2", "c3"])
        let longest = Ballot.approval(votes: wide.candidates.map { (candidate: $0.id, answer: "dissatisfied") }).json(tracking: BallotPadding.trackingSample)
        #expect(BallotPadding.pad(longest, to: BallotPadding.length(for: wide)) != nil)
    }

    @Test("BAL-7 the satisfaction example in docs/formats gives exactly its result file")
    func example() throws {
        let box = try String(contentsOf: Self.formats.appendingPathComponent("ballot-box-satisfaction-example.json"), encoding: .utf8)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.formats.appendingPathComponent("ballot-box-satisfaction-example.result.json")))
        let r = try tally(box)
        let got = try JSONSerialization.jsonObject(with: Data(r.json().utf8))
        #expect(jsonClose(got, expected) == nil, "\(jsonClose(got, expected) ?? "")")
        // the three cases the example shows, stated exactly
        let rs = rows(r)
        #expect(rs.map(\.dissatisfied) == [0, 3, 4, 5] && r.valid == 9)
        #expect(rs.map(\.admonish) == [false, false, true, true])   // 3 of 9 is exactly 1/3
        #expect(rs.map(\.demote) == [false, false, false, true])
        #expect(rs[0].unknown == 1)                                  // left out on one ballot
        #expect(r.reasons == [.unknownAnswer] && r.invalid[0].index == 5)
        // the documentation quotes the result file
        let doc = try String(contentsOf: Self.formats.appendingPathComponent("tally.md"), encoding: .utf8)
        let resultText = try String(contentsOf: Self.formats.appendingPathComponent("ballot-box-satisfaction-example.result.json"), encoding: .utf8)
        #expect(doc.contains(resultText.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test("BAL-7 recount: a satisfaction box exported and counted again gives the identical result")
    func recount() async {
        let values = ["satisfied", "basic", "dissatisfied", "unknown", "yes", "-"]   // "-" leaves the candidate out
        let ballots = Gen.int(in: 0 ... 5).array(of: 3 ... 3).array(of: 0 ... 15)
        await propertyCheck(count: 150, input: ballots) { b in
            let box = self.box(members: 12, b.map { picks in
                zip(["c1", "c2", "c3"], picks).compactMap { c, p in values[p] == "-" ? nil : (c, values[p]) }
            }, candidates: ["c1", "c2", "c3"], configure: { $0.quorum = Fraction(1, 2) })
            let first = try! Tally.count(box)
            let again = try! tally(box.json())
            #expect(first == again)
            #expect(first.json() == again.json())
            // every valid ballot gives each candidate exactly one of the four answers
            for row in self.rows(first) { #expect(row.satisfied + row.basic + row.dissatisfied + row.unknown == first.valid) }
        }
    }

    @Test("BAL-7 the table names the answers and the flags in zh-Hans and English")
    func table() throws {
        var b = box(members: 9, answers("dissatisfied", 5) + answers("satisfied", 4))
        b.title = "监督评议"
        b.candidates = [Candidate(id: "c1", name: "王明")]
        let r = try tallyBoth(b)
        let zh = r.table(in: .zhHans)
        #expect(zh.contains("票型：满意度测评"))
        #expect(zh.contains("结论：测评有效"))
        #expect(zh.contains("满意") && zh.contains("基本满意") && zh.contains("不满意") && zh.contains("不了解") && zh.contains("满意率"))
        #expect(zh.contains("王明（c1）") && zh.contains("44.4%") && zh.contains("55.6%") && zh.contains("诫勉谈话、建议调整"))
        #expect(!zh.contains("通过"))
        let en = r.table(in: .en)
        #expect(en.contains("Kind: satisfaction survey") && en.contains("Verdict: the evaluation is valid"))
        #expect(en.contains("Dissatisfied") && en.contains("Don't know") && en.contains("admonishment talk, demotion proposal"))
        let g = r.grid(in: .zhHans, showIDs: false)
        #expect(g.table[1] == ["王明", "4", "0", "5", "0", "44.4%", "55.6%", "诫勉谈话、建议调整"])
    }
}
