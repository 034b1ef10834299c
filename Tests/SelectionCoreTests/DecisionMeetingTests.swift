import Foundation
import Testing
@testable import SelectionCore

// The committee meeting (DEC-1…6, SEL-10): quorum of all members, nominees with reasons, every member's opinion,
// deferral on an objection, the secret vote counted against all members, 等额 and 差额, vacancy, and the minutes.

@Suite("Committee meeting: quorum, opinions, deferral, the vote, vacancy and minutes (DEC-1…6, SEL-10)")
struct DecisionMeetingTests {
    typealias F = DecisionFixture

    // MARK: DEC-1

    @Test("DEC-1 quorum 4/5 of 9: 8 present is quorate (8·5 = 40 ≥ 36), 7 is not (35 < 36) and the refusal says 1 more is needed")
    func quorumFourFifths() throws {
        var m = try F.meeting(members: 9, present: 7)
        try F.readyItem(&m, nominees: [("a", "张三")])
        #expect(!m.hasQuorum)
        #expect(m.quorumNeeded == 8)
        #expect(m.quorumShortfall == 1)
        let before = m
        #expect(throws: CommitteeError.noQuorum(members: 9, present: 7, needed: 8, quorum: MemberFraction(4, 5))) {
            try m.recordVote(on: "p1", counts: [F.count("a", yes: 7)])
        }
        #expect(m == before, "a refused vote changes nothing")
        do {
            try m.recordVote(on: "p1", counts: [F.count("a", yes: 7)])
            Issue.record("voted without a quorum")
        } catch {
            #expect(error.kind == .conflict)
            #expect(error.rule == "DEC-1")
            let zh = error.message(in: .zhHans), en = error.message(in: .en)
            #expect(zh.contains("全体成员9人，到会7人") && zh.contains("至少8人") && zh.contains("还需1人到会") && zh.hasSuffix("（DEC-1）"))
            #expect(en.contains("7 of 9 members present") && en.contains("at least 8") && en.contains("1 more member is needed") && en.hasSuffix("(DEC-1)"))
        }
        // the eighth member arrives: 40 ≥ 36, the vote is taken
        try m.markPresent("m8")
        try m.recordOpinion(.agree, of: "m8", on: "p1")
        #expect(m.hasQuorum && m.quorumShortfall == 0)
        let round = try m.recordVote(on: "p1", counts: [F.count("a", yes: 8)])
        #expect(round.present == 8 && round.members == 9)
        #expect(m.item("p1")?.chosen == ["a"])
    }

    @Test("DEC-1 quorum 2/3 (the national figure): 6 of 9 quorate (18 ≥ 18), 5 not; 4 of 9 at 4/5 needs 4 more; 2/3 of 10 needs 7")
    func quorumTwoThirds() throws {
        let six = try F.meeting(members: 9, present: 6, quorum: MemberFraction(2, 3))
        #expect(six.hasQuorum && six.quorumNeeded == 6)
        let five = try F.meeting(members: 9, present: 5, quorum: MemberFraction(2, 3))
        #expect(!five.hasQuorum && five.quorumShortfall == 1)
        let four = try F.meeting(members: 9, present: 4)
        #expect(four.quorumShortfall == 4)
        #expect(throws: CommitteeError.noQuorum(members: 9, present: 4, needed: 8, quorum: MemberFraction(4, 5))) { try four.requireQuorum() }
        #expect(CommitteeError.noQuorum(members: 9, present: 4, needed: 8, quorum: MemberFraction(4, 5)).message(in: .en).contains("4 more members are needed"))
        let ten = try F.meeting(members: 10, present: 6, quorum: MemberFraction(2, 3))
        #expect(ten.quorumNeeded == 7 && !ten.hasQuorum)   // 6·3 = 18 < 20
        let tenOfTen = try F.meeting(members: 10, present: 8)
        #expect(tenOfTen.quorumNeeded == 8 && tenOfTen.hasQuorum) // 8·5 = 40 ≥ 40, exactly
    }

    @Test("DEC-1 the plan's fractions are the meeting's; fractions outside one half…all (quorum) or one half…below all (approval) are refused")
    func planFigures() throws {
        var s = MatterSettings()
        #expect(try CommitteeMeeting(title: "会议", day: F.day("2025-09-10"), members: F.roster(5), settings: s).quorum == MemberFraction(4, 5))
        s.quorumNumerator = 2; s.quorumDenominator = 3; s.approvalNumerator = 1; s.approvalDenominator = 2
        let m = try CommitteeMeeting(title: "会议", day: F.day("2025-09-10"), members: F.roster(5), settings: s)
        #expect(m.quorum == MemberFraction(2, 3) && m.approval == MemberFraction(1, 2))
        #expect(m.yesNeeded == 3)   // more than half of 5
        #expect(throws: CommitteeError.badFraction(field: "quorum", rule: "DEC-1", MemberFraction(1, 3))) {
            try CommitteeMeeting(title: "会议", day: F.day("2025-09-10"), members: F.roster(5), quorum: MemberFraction(1, 3), approval: MemberFraction(2, 3))
        }
        #expect(throws: CommitteeError.badFraction(field: "threshold", rule: "DEC-4", MemberFraction(3, 3))) {
            try CommitteeMeeting(title: "会议", day: F.day("2025-09-10"), members: F.roster(5), quorum: MemberFraction(4, 5), approval: MemberFraction(3, 3))
        }
        #expect(throws: CommitteeError.emptyRoster) { try CommitteeMeeting(title: "会议", day: F.day("2025-09-10"), members: []) }
        #expect(throws: CommitteeError.duplicate(field: "members", "m1")) {
            try CommitteeMeeting(title: "会议", day: F.day("2025-09-10"), members: F.roster(2) + [CommitteeMember(id: "m1", name: "又一人")])
        }
    }

    @Test("DEC-1 attendance is taken member by member: an unknown member is refused, a latecomer counts, a member who leaves stops counting")
    func attendance() throws {
        var m = try CommitteeMeeting(title: "会议", day: F.day("2025-09-10"), members: F.roster(5))
        #expect(m.uncalled.count == 5 && m.presentCount == 0)
        #expect(throws: CommitteeError.unknownMember("x9")) { try m.markPresent("x9") }
        for i in 1 ... 4 { try m.markPresent("m\(i)") }
        #expect(m.hasQuorum)            // 4·5 = 20 ≥ 20
        try m.markAbsent("m4", reason: "因公离会")
        #expect(!m.hasQuorum && m.quorumShortfall == 1)
        #expect(m.uncalled.map(\.id) == ["m5"])
        try m.markPresent("m5")
        #expect(m.hasQuorum)
    }

    // MARK: DEC-2, DEC-3

    @Test("DEC-2 nominees are presented with reasons and a presenter; only present members give opinions; the vote waits for every present member")
    func opinions() throws {
        var m = try F.meeting(members: 5, present: 4)
        try m.addItem(id: "p1", post: "办公室主任", seats: 1)
        #expect(throws: CommitteeError.noNominees(post: "办公室主任")) { try m.recordOpinion(.agree, of: "m1", on: "p1") }
        #expect(throws: CommitteeError.required(field: "reason", rule: "DEC-2")) {
            try m.present(CommitteeNominee(id: "a", name: "张三", reasons: "  ", presenter: "组织部"), on: "p1")
        }
        #expect(throws: CommitteeError.required(field: "presenter", rule: "DEC-2")) {
            try m.present(CommitteeNominee(id: "a", name: "张三", reasons: "实绩突出", presenter: ""), on: "p1")
        }
        try m.present(F.nominee("a", "张三"), on: "p1")
        #expect(throws: CommitteeError.notPresent(name: "委员5")) { try m.recordOpinion(.agree, of: "m5", on: "p1") }
        #expect(throws: CommitteeError.required(field: "opinion", rule: "DEC-2")) { try m.recordOpinion(.other(" "), of: "m1", on: "p1") }
        try m.recordOpinion(.agree, of: "m1", on: "p1")
        try m.recordOpinion(.other("建议加强基层经历"), of: "m2", on: "p1")
        #expect(throws: CommitteeError.opinionsAlreadyStated(post: "办公室主任")) { try m.present(F.nominee("b", "李四"), on: "p1") }
        #expect(throws: CommitteeError.opinionsMissing(post: "办公室主任", names: ["委员3", "委员4"])) {
            try m.recordVote(on: "p1", counts: [F.count("a", yes: 4)])
        }
        try m.recordOpinion(.agree, of: "m3", on: "p1")
        try m.recordOpinion(.agree, of: "m4", on: "p1")
        try m.recordOpinion(.agree, of: "m2", on: "p1")   // another opinion may be restated
        try m.recordVote(on: "p1", counts: [F.count("a", yes: 4)])
        #expect(m.item("p1")?.status == .decided)
        #expect(throws: CommitteeError.itemNotOpen(post: "办公室主任", .decided)) { try m.recordOpinion(.agree, of: "m1", on: "p1") }
    }

    @Test("DEC-3 an objection defers the item: no vote, the objection stands, deferral needs its reason, a later meeting takes it up")
    func objectionDefers() throws {
        var m = try F.meeting(members: 9, present: 9)
        try F.readyItem(&m, nominees: [("a", "张三")])
        try m.recordOpinion(.object("对其任职经历有不同意见，需进一步了解"), of: "m3", on: "p1")
        let before = m
        #expect(throws: CommitteeError.objection(post: "办公室主任", names: ["委员3"])) {
            try m.recordVote(on: "p1", counts: [F.count("a", yes: 9)])
        }
        #expect(m == before)
        #expect(throws: CommitteeError.objectionStands(name: "委员3", post: "办公室主任")) { try m.recordOpinion(.agree, of: "m3", on: "p1") }
        #expect(throws: CommitteeError.required(field: "opinion", rule: "DEC-3")) { try m.recordOpinion(.object(""), of: "m4", on: "p1") }
        #expect(throws: CommitteeError.required(field: "reason", rule: "DEC-3")) { try m.deferItem("p1", reason: " ") }
        try m.deferItem("p1", reason: "委员3提出反对意见，暂缓讨论，待进一步了解后再议")
        #expect(m.item("p1")?.status == .deferred)
        #expect(m.deferredItems.map(\.id) == ["p1"])
        #expect(throws: CommitteeError.itemNotOpen(post: "办公室主任", .deferred)) { try m.recordVote(on: "p1", counts: [F.count("a", yes: 9)]) }
        try m.close()
        #expect(m.minutes(in: .zhHans).contains(MinutesLine(.deferral, item: "p1", "缓议：委员3提出反对意见，暂缓讨论，待进一步了解后再议")))

        // a later meeting takes the item up again
        var later = try F.meeting(members: 9, present: 9)
        try later.addItem(id: "p1", post: "办公室主任", seats: 1, carriedFrom: "2025年第12次常委会")
        #expect(later.item("p1")?.carriedFrom == "2025年第12次常委会")
        #expect(later.minutes(in: .zhHans).contains { $0.kind == .item && $0.text.contains("接续2025年第12次常委会缓议事项") })
    }

    @Test("DEC-3 an unresolved disagreement (no objection) may be deferred too, with the reason")
    func disagreementDefers() throws {
        var m = try F.meeting(members: 5, present: 5)
        try m.addItem(id: "p1", post: "科长", seats: 1)
        try m.present(F.nominee("a", "张三"), on: "p1")
        try m.recordOpinion(.other("对人选的岗位匹配度意见不一"), of: "m1", on: "p1")
        try m.deferItem("p1", reason: "意见分歧较大，未能统一")
        #expect(m.item("p1")?.status == .deferred)
    }

    // MARK: DEC-4

    @Test("DEC-4 9 members: 7 yes passes (7·3 = 21 > 18); 6 yes fails (18 > 18 is false) even when all 6 present voted yes")
    func approvalOfAllMembers() throws {
        var full = try F.meeting(members: 9, present: 9)
        try F.readyItem(&full, nominees: [("a", "张三")])
        #expect(full.yesNeeded == 7)
        let r = try full.recordVote(on: "p1", counts: [F.count("a", yes: 7, no: 1, abstain: 1)])
        #expect(r.outcome.passing == ["a"] && r.outcome.chosen == ["a"])

        var six = try F.meeting(members: 9, present: 9)
        try F.readyItem(&six, nominees: [("a", "张三")])
        #expect(try six.recordVote(on: "p1", counts: [F.count("a", yes: 6, no: 3)]).outcome.chosen.isEmpty)

        // only 6 present (quorate at 2/3), every one of them votes yes: 6 of 9 members is not more than 2/3
        var fewer = try F.meeting(members: 9, present: 6, quorum: MemberFraction(2, 3))
        try F.readyItem(&fewer, nominees: [("a", "张三")])
        let unanimous = try fewer.recordVote(on: "p1", counts: [F.count("a", yes: 6)])
        #expect(unanimous.outcome.passing.isEmpty && unanimous.outcome.chosen.isEmpty)
        #expect(fewer.item("p1")?.status == .decided && fewer.item("p1")?.seatsOpen == 1)
        #expect(fewer.minutes(in: .zhHans).contains { $0.kind == .decision && $0.text == "1个职数无人选获得通过" })

        // more than half (the usual national rule) of 9: 5 yes passes, 4 does not
        let half = MemberFraction(1, 2)
        #expect(CommitteeVote.decide([F.count("a", yes: 5)], seats: 1, members: 9, approval: half).chosen == ["a"])
        #expect(CommitteeVote.decide([F.count("a", yes: 4)], seats: 1, members: 9, approval: half).chosen.isEmpty)
        #expect(CommitteeVote.decide([F.count("a", yes: 5)], seats: 1, members: 10, approval: half).chosen.isEmpty)   // 10 > 10 false
    }

    @Test("DEC-4 counts must cover exactly the ballot's nominees and cannot exceed the members present")
    func countsChecked() throws {
        var m = try F.meeting(members: 9, present: 8)
        try F.readyItem(&m, nominees: [("a", "张三")])
        #expect(throws: CommitteeError.ballotMismatch(post: "办公室主任", names: ["张三"])) { try m.recordVote(on: "p1", counts: []) }
        #expect(throws: CommitteeError.ballotMismatch(post: "办公室主任", names: ["张三"])) {
            try m.recordVote(on: "p1", counts: [F.count("a", yes: 7), F.count("z", yes: 1)])
        }
        #expect(throws: CommitteeError.countsExceedPresent(name: "张三", counted: 9, present: 8)) {
            try m.recordVote(on: "p1", counts: [F.count("a", yes: 9)])
        }
        #expect(throws: CommitteeError.negativeCount(name: "张三")) { try m.recordVote(on: "p1", counts: [F.count("a", yes: 7, no: -1)]) }
        let r = try m.recordVote(on: "p1", counts: [NomineeCount(nominee: "a", row: TallyResult.ApprovalRow(candidate: "c1", yes: 8, no: 0, abstain: 0, passed: true))], ballot: "B-2025-031")
        #expect(r.ballot == "B-2025-031" && r.outcome.chosen == ["a"])
    }

    // MARK: DEC-5

    @Test("DEC-5 差额 2 of 3: the two passing with most yes are chosen; a nominee below more than 2/3 is not, whatever the rank")
    func competitive() throws {
        var m = try F.meeting(members: 9, present: 9)
        try F.readyItem(&m, post: "副局长", seats: 2, nominees: [("a", "张三"), ("b", "李四"), ("c", "王五")])
        #expect(m.item("p1")?.isCompetitive == true)
        let r = try m.recordVote(on: "p1", counts: [F.count("a", yes: 8, no: 1), F.count("b", yes: 6, no: 3), F.count("c", yes: 7, no: 2)])
        #expect(r.outcome.passing == ["a", "c"])
        #expect(r.outcome.chosen == ["a", "c"])
        #expect(!r.outcome.isTie)
        #expect(m.item("p1")?.status == .decided && m.item("p1")?.seatsOpen == 0)

        // three pass: the cut falls between 8 and 7 — no tie, the two best
        let three = CommitteeVote.decide([F.count("a", yes: 7), F.count("b", yes: 9), F.count("c", yes: 8)], seats: 2, members: 9, approval: MemberFraction(2, 3))
        #expect(three.chosen == ["b", "c"] && three.tied.isEmpty)
        // a tie below the cut does not matter
        let below = CommitteeVote.decide([F.count("a", yes: 9), F.count("b", yes: 8), F.count("c", yes: 7), F.count("d", yes: 7)], seats: 2, members: 9, approval: MemberFraction(2, 3))
        #expect(below.chosen == ["a", "b"] && below.tied.isEmpty)
        // a tie among nominees who do not pass does not matter either: one seat stays unfilled
        let failing = CommitteeVote.decide([F.count("a", yes: 8), F.count("b", yes: 6), F.count("c", yes: 6)], seats: 2, members: 9, approval: MemberFraction(2, 3))
        #expect(failing.chosen == ["a"] && failing.tied.isEmpty && failing.passing == ["a"])
    }

    @Test("DEC-5 a tie at the cut is reported for a re-vote, not resolved: the re-vote holds exactly the tied nominees for the seats left")
    func tieAtTheCut() throws {
        var m = try F.meeting(members: 9, present: 9)
        try F.readyItem(&m, post: "副局长", seats: 2, nominees: [("a", "张三"), ("b", "李四"), ("c", "王五")])
        let r = try m.recordVote(on: "p1", counts: [F.count("a", yes: 8, no: 1), F.count("b", yes: 7, no: 2), F.count("c", yes: 7, no: 2)])
        #expect(r.outcome.chosen == ["a"])
        #expect(r.outcome.tied == ["b", "c"] && r.outcome.tiedSeats == 1)
        #expect(m.item("p1")?.status == .awaitingRevote)
        #expect(try m.ballot(for: "p1").map(\.id) == ["b", "c"])
        #expect(m.minutes(in: .zhHans).contains(MinutesLine(.tie, item: "p1", "李四、王五同意票相同（各7票），剩余1个职数须再次表决")))
        #expect(m.minutes(in: .en).contains(MinutesLine(.tie, item: "p1", "李四, 王五 tied with 7 yes each for the 1 remaining post: a re-vote is needed")))
        #expect(throws: CommitteeError.itemsPending(posts: ["副局长"])) { try m.close() }
        #expect(throws: CommitteeError.ballotMismatch(post: "副局长", names: ["李四", "王五"])) {
            try m.recordVote(on: "p1", counts: [F.count("a", yes: 8), F.count("b", yes: 8), F.count("c", yes: 1)])
        }
        // DEC-1: the attendance the vote was counted on stands for the re-vote (nobody marked in or out after a vote)
        #expect(throws: CommitteeError.attendanceFrozen) { try m.markAbsent("m9") }
        #expect(throws: CommitteeError.attendanceFrozen) { try m.markPresent("m9") }
        #expect(m.presentCount == 9)
        let again = try m.recordVote(on: "p1", counts: [F.count("b", yes: 7, no: 1), F.count("c", yes: 1, no: 7)])
        #expect(again.number == 2 && again.seats == 1 && again.outcome.chosen == ["b"])
        #expect(m.item("p1")?.chosen == ["a", "b"] && m.item("p1")?.status == .decided)

        // every passing nominee tied for both seats: nobody is chosen
        let all = CommitteeVote.decide([F.count("a", yes: 7), F.count("b", yes: 7), F.count("c", yes: 7)], seats: 2, members: 9, approval: MemberFraction(2, 3))
        #expect(all.chosen.isEmpty && all.tied == ["a", "b", "c"] && all.tiedSeats == 2)
    }

    @Test("DEC-5 a vote needs at least one nominee per post (等额), more when 差额")
    func tooFewNominees() throws {
        var m = try F.meeting(members: 5, present: 5)
        try F.readyItem(&m, post: "副科长", seats: 2, nominees: [("a", "张三")])
        #expect(throws: CommitteeError.tooFewNominees(post: "副科长", seats: 2, nominees: 1)) { try m.recordVote(on: "p1", counts: [F.count("a", yes: 5)]) }
        #expect(throws: CommitteeError.badSeats(0)) { try m.addItem(id: "p2", post: "科员", seats: 0) }
    }

    // MARK: SEL-10

    @Test("SEL-10 the committee may leave a position vacant, with the reason: before a vote, or for the seats a vote did not fill")
    func vacancy() throws {
        var m = try F.meeting(members: 9, present: 9)
        try F.readyItem(&m, nominees: [("a", "张三")])
        #expect(throws: CommitteeError.required(field: "reason", rule: "SEL-10")) { try m.leaveVacant("p1", reason: "") }
        try m.leaveVacant("p1", reason: "经研究，暂无合适人选")
        #expect(m.item("p1")?.status == .vacant && m.item("p1")?.vacancy == .init(seats: 1, reason: "经研究，暂无合适人选"))
        #expect(throws: CommitteeError.itemNotOpen(post: "办公室主任", .vacant)) { try m.recordVote(on: "p1", counts: [F.count("a", yes: 9)]) }

        // 2 seats, one filled: the other left vacant
        try F.readyItem(&m, id: "p2", post: "副主任", seats: 2, nominees: [("b", "李四"), ("c", "王五")])
        try m.recordVote(on: "p2", counts: [F.count("b", yes: 8), F.count("c", yes: 5)])
        try m.leaveVacant("p2", reason: "王五未获通过，该职位暂时空缺")
        #expect(m.item("p2")?.vacancy?.seats == 1 && m.item("p2")?.chosen == ["b"])

        // every seat filled: nothing to leave vacant
        try F.readyItem(&m, id: "p3", post: "科长", seats: 1, nominees: [("d", "赵六")])
        try m.recordVote(on: "p3", counts: [F.count("d", yes: 9)])
        #expect(throws: CommitteeError.allSeatsFilled(post: "科长")) { try m.leaveVacant("p3", reason: "无") }
        try m.close()
        let zh = m.minutes(in: .zhHans)
        #expect(zh.contains(MinutesLine(.vacancy, item: "p1", "决定1个职数暂时空缺：经研究，暂无合适人选")))
        #expect(zh.contains(MinutesLine(.vacancy, item: "p2", "决定1个职数暂时空缺：王五未获通过，该职位暂时空缺")))
    }

    // MARK: DEC-6

    @Test("DEC-6 the minutes hold the attendance, the quorum's figures, nominees, every opinion and each vote, in zh-Hans and English")
    func minutes() throws {
        var m = try F.meeting(members: 9, present: 8)
        try m.addItem(id: "p1", post: "办公室主任", seats: 1)
        try m.present(F.nominee("a", "张三"), on: "p1")
        for i in 1 ... 7 { try m.recordOpinion(.agree, of: "m\(i)", on: "p1") }
        try m.recordOpinion(.other("希望加强学习"), of: "m8", on: "p1")
        try m.recordVote(on: "p1", counts: [F.count("a", yes: 7, no: 1)], ballot: "B-31")
        try F.readyItem(&m, id: "p2", post: "副主任", seats: 1, nominees: [("b", "李四")])
        try m.recordVote(on: "p2", counts: [F.count("b", yes: 5, no: 2, abstain: 1)])
        try m.close()

        let zh = m.minutes(in: .zhHans)
        #expect(zh.first == MinutesLine(.heading, "2025年第12次常委会会议纪要（2025年9月10日）"))
        #expect(zh.contains(MinutesLine(.attendance, "应到会成员9人，实到8人：委员1、委员2、委员3、委员4、委员5、委员6、委员7、委员8")))
        #expect(zh.contains(MinutesLine(.absence, "缺席：委员9（出差）")))
        #expect(zh.contains(MinutesLine(.quorum, "法定人数为全体成员的4/5以上，即至少8人；到会8人，符合规定")))
        #expect(zh.contains(MinutesLine(.item, item: "p1", "议题1：办公室主任（职数1，等额）")))
        #expect(zh.contains(MinutesLine(.nominee, item: "p1", "人选：张三。推荐理由：张三政治素质好，实绩突出，民主推荐得票较高（介绍人：组织部 王部长）")))
        #expect(zh.filter { $0.kind == .opinion && $0.item == "p1" }.count == 8)
        #expect(zh.contains(MinutesLine(.opinion, item: "p1", "委员8：其他意见——希望加强学习")))
        #expect(zh.contains(MinutesLine(.vote, item: "p1", "第1轮无记名投票表决（应到9人，到会8人，表决编号B-31；通过须同意票超过全体成员的2/3，即至少7票）：张三 同意7票、不同意1票、弃权0票，超过")))
        #expect(zh.contains(MinutesLine(.decision, item: "p1", "决定：张三任办公室主任")))
        #expect(zh.contains(MinutesLine(.vote, item: "p2", "第1轮无记名投票表决（应到9人，到会8人；通过须同意票超过全体成员的2/3，即至少7票）：李四 同意5票、不同意2票、弃权1票，未超过")))
        #expect(zh.contains(MinutesLine(.decision, item: "p2", "1个职数无人选获得通过")))
        #expect(zh.last == MinutesLine(.closing, "会议结束"))

        let en = m.minutes(in: .en)
        #expect(en.contains(MinutesLine(.attendance, "9 members, 8 present: 委员1, 委员2, 委员3, 委员4, 委员5, 委员6, 委员7, 委员8")))
        #expect(en.contains(MinutesLine(.quorum, "Quorum: 4/5 of all members, at least 8; 8 present, quorate")))
        #expect(en.contains(MinutesLine(.vote, item: "p1", "Round 1, secret ballot (9 members, 8 present, ballot B-31; passing needs more than 2/3 of all members, at least 7 yes): 张三 yes 7, no 1, abstain 0, passes")))
        #expect(en.contains(MinutesLine(.decision, item: "p1", "Decided: 张三 for 办公室主任")))
        #expect(en.contains { $0.kind == .vote && $0.item == "p2" && $0.text.hasSuffix("李四 yes 5, no 2, abstain 1, does not pass") })
        #expect(zh.map(\.kind) == en.map(\.kind), "both languages carry the same lines")

        // an open meeting below quorum: the minutes say so, and that they are a draft
        let short = try F.meeting(members: 9, present: 6)
        #expect(short.minutes(in: .zhHans).contains(MinutesLine(.quorum, "法定人数为全体成员的4/5以上，即至少8人；到会6人，不足法定人数，还需2人")))
        #expect(short.minutes(in: .en).last == MinutesLine(.closing, "The meeting is still open (these minutes are a draft)"))
    }

    @Test("DEC-6 closing needs every member's attendance and every item settled; a closed meeting refuses every change")
    func closing() throws {
        var m = try CommitteeMeeting(title: "会议", day: F.day("2025-09-10"), members: F.roster(5))
        for i in 1 ... 4 { try m.markPresent("m\(i)") }
        #expect(throws: CommitteeError.attendanceIncomplete(names: ["委员5"])) { try m.close() }
        try m.markAbsent("m5")
        try F.readyItem(&m, nominees: [("a", "张三")])
        #expect(throws: CommitteeError.itemsPending(posts: ["办公室主任"])) { try m.close() }
        try m.recordVote(on: "p1", counts: [F.count("a", yes: 4)])
        try m.close()
        #expect(m.isClosed)
        let closed = m
        #expect(throws: CommitteeError.closed) { try m.markPresent("m5") }
        #expect(throws: CommitteeError.closed) { try m.addItem(id: "p2", post: "科长", seats: 1) }
        #expect(throws: CommitteeError.closed) { try m.leaveVacant("p1", reason: "x") }
        #expect(throws: CommitteeError.closed) { try m.close() }
        #expect(m == closed)
        // every refusal names its rule in both languages
        for e in [CommitteeError.closed, .objection(post: "x", names: ["y"]), .allSeatsFilled(post: "x"), .tooFewNominees(post: "x", seats: 2, nominees: 1)] {
            #expect(e.message(in: .zhHans).hasSuffix("（\(e.rule)）") && e.message(in: .en).hasSuffix("(\(e.rule))"))
        }
    }

    @Test("DEC-6 a meeting survives a JSON round trip (the store keeps it as a value)")
    func codable() throws {
        var m = try F.meeting(members: 9, present: 9)
        try F.readyItem(&m, seats: 2, nominees: [("a", "张三"), ("b", "李四"), ("c", "王五")])
        try m.recordVote(on: "p1", counts: [F.count("a", yes: 8), F.count("b", yes: 7), F.count("c", yes: 7)])
        let back = try JSONDecoder().decode(CommitteeMeeting.self, from: JSONEncoder().encode(m))
        #expect(back == m)
        #expect(back.item("p1")?.status == .awaitingRevote)
    }
}
