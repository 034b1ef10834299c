import Foundation
import Testing
@testable import SelectionCore

// Random action sequences on committee meetings (seeded SplitMix64, replayable): whatever the order of attendance,
// items, nominees, opinions, deferrals, votes, vacancies and closing, no vote is recorded without a quorum (DEC-1),
// no nominee is chosen without yes·den > members·num of all members (DEC-4), no more are chosen than seats and a tie
// at the cut is never broken (DEC-5), and a refused transition changes nothing.

@Suite("Committee meeting properties over random action sequences (DEC-1, DEC-4, DEC-5)")
struct DecisionPropertyTests {
    static let sequences = 1_500

    enum Action: CaseIterable {
        case present, absent, addItem, nominee, opinions, deferral, vote, vacancy, close
        /// How often each is drawn: enough arrivals and opinions that votes happen, enough absences that quorums fail.
        var weight: Int {
            switch self {
            case .present: 16
            case .absent: 6
            case .addItem: 6
            case .nominee: 18
            case .opinions: 16
            case .deferral: 3
            case .vote: 24
            case .vacancy: 3
            case .close: 1
            }
        }
        static func draw(_ rng: inout SplitMix64) -> Action {
            var r = rng.int(0 ... allCases.reduce(0) { $0 + $1.weight } - 1)
            for a in allCases { if r < a.weight { return a }; r -= a.weight }
            return .vote
        }
    }

    /// The oracle, in its own words: a share of all members reached or exceeded, by cross-multiplying.
    static func quorate(present: Int, members: Int, _ q: MemberFraction) -> Bool { present * q.denominator >= members * q.numerator }
    static func passes(yes: Int, members: Int, _ a: MemberFraction) -> Bool { yes * a.denominator > members * a.numerator }

    struct Tally { var votes = 0, refusedForQuorum = 0, chosen = 0, ties = 0, closed = 0, refusals = 0, steps = 0; var refusedVotes: [String: Int] = [:] }

    /// One transition: a refusal must leave the meeting as it was; the invariants must hold either way.
    static func attempt(_ m: inout CommitteeMeeting, _ t: inout Tally, _ sequence: Int, _ what: String,
                        _ body: (inout CommitteeMeeting) throws(CommitteeError) -> Void) -> CommitteeError? {
        let before = m
        t.steps += 1
        do {
            try body(&m)
            return nil
        } catch {
            t.refusals += 1
            #expect(m == before, "sequence \(sequence): a refused \(what) changed the meeting")
            if case .noQuorum = error { t.refusedForQuorum += 1 }
            if what == "vote" { t.refusedVotes["\(error)".prefix(while: { $0 != "(" }).description, default: 0] += 1 }
            return error
        }
    }

    @Test("DEC-1 DEC-4 DEC-5 over 1,500 random sequences: no vote without a quorum, no nominee chosen without more than the share of all members, ties left to a re-vote")
    func randomSequences() throws {
        var rng = SplitMix64(seed: 0x5EED_DEC1)
        var t = Tally()
        let quorums = [MemberFraction(4, 5), MemberFraction(2, 3), MemberFraction(1, 2), MemberFraction(3, 4)]
        let approvals = [MemberFraction(2, 3), MemberFraction(1, 2), MemberFraction(3, 5)]

        for sequence in 0 ..< Self.sequences {
            let n = rng.int(1 ... 11)
            let q = rng.pick(quorums), a = rng.pick(approvals)
            var m = try CommitteeMeeting(title: "会议\(sequence)", day: DecisionFixture.day("2025-09-10"), members: DecisionFixture.roster(n), quorum: q, approval: a)
            var nextItem = 0, nextNominee = 0
            // the roll call: most members answer, some are away (later actions bring them in or send others out)
            let attending = rng.int(70 ... 100)
            for member in m.members {
                if rng.chance(attending) {
                    _ = Self.attempt(&m, &t, sequence, "arrival") { (m) throws(CommitteeError) in try m.markPresent(member.id) }
                } else {
                    _ = Self.attempt(&m, &t, sequence, "absence") { (m) throws(CommitteeError) in try m.markAbsent(member.id, reason: "请假") }
                }
            }
            for _ in 0 ..< rng.int(5 ... 80) {
                var action = Action.draw(&rng)
                if m.items.isEmpty, rng.chance(50) { action = .addItem }
                // mostly an item still to be voted, sometimes any item, now and then one that does not exist
                let live = m.items.filter { $0.status == .open || $0.status == .awaitingRevote }
                let itemID = rng.chance(4) || m.items.isEmpty ? "p-unknown" : (!live.isEmpty && rng.chance(85) ? rng.pick(live) : rng.pick(m.items)).id
                // arrivals mostly of members not yet present, absences of anyone
                let away = m.members.filter { m.attendance[$0.id] != .present }
                let memberID = rng.chance(3) ? "m-unknown" : action == .present && !away.isEmpty && rng.chance(80) ? rng.pick(away).id : "m\(rng.int(1 ... n))"
                switch action {
                case .present:
                    _ = Self.attempt(&m, &t, sequence, "arrival") { (m) throws(CommitteeError) in try m.markPresent(memberID) }
                case .absent:
                    let reason = rng.chance(50) ? "出差" : ""
                    _ = Self.attempt(&m, &t, sequence, "absence") { (m) throws(CommitteeError) in try m.markAbsent(memberID, reason: reason) }
                case .addItem:
                    nextItem += 1
                    let id = "p\(nextItem)", seats = rng.int(1 ... 3)
                    _ = Self.attempt(&m, &t, sequence, "item") { (m) throws(CommitteeError) in try m.addItem(id: id, post: "职位\(id)", seats: seats) }
                case .nominee:
                    nextNominee += 1
                    let nominee = CommitteeNominee(id: "n\(nextNominee)", name: "人选\(nextNominee)", reasons: rng.chance(95) ? "理由" : "", presenter: "组织部")
                    // mostly to an item still short of nominees
                    let short = m.items.filter { $0.status == .open && $0.opinions.isEmpty && $0.nominees.count <= $0.seats }
                    let target = !short.isEmpty && rng.chance(80) ? rng.pick(short).id : itemID
                    _ = Self.attempt(&m, &t, sequence, "nominee") { (m) throws(CommitteeError) in try m.present(nominee, on: target) }
                case .opinions:
                    // a round of opinions on an item, mostly one with its nominees presented: each member in turn
                    // (present or not), mostly agreeing
                    let ready = m.items.filter { $0.status == .open && $0.nominees.count >= $0.seats }
                    let target = !ready.isEmpty && rng.chance(85) ? rng.pick(ready).id : itemID
                    for member in m.members where rng.chance(85) {
                        let r = rng.int(0 ... 99)
                        let opinion: MemberOpinion = r < 3 ? .object("反对") : r < 10 ? .other("其他意见") : r < 11 ? .other(" ") : .agree
                        _ = Self.attempt(&m, &t, sequence, "opinion") { (m) throws(CommitteeError) in try m.recordOpinion(opinion, of: member.id, on: target) }
                    }
                case .deferral:
                    let reason = rng.chance(90) ? "意见分歧" : ""
                    _ = Self.attempt(&m, &t, sequence, "deferral") { (m) throws(CommitteeError) in try m.deferItem(itemID, reason: reason) }
                case .vote:
                    // mostly an item with its nominees presented
                    let votable = live.filter { $0.nominees.count >= $0.seats }
                    let itemID = !votable.isEmpty && rng.chance(80) ? rng.pick(votable).id : itemID
                    let ballot = (try? m.ballot(for: itemID)) ?? []
                    let present = m.presentCount
                    let low = max(0, min(present, m.yesNeeded - 2))
                    var counts = ballot.map { nominee -> NomineeCount in
                        let yes = rng.int(low ... max(low, present))
                        let no = rng.int(0 ... max(0, present - yes))
                        return NomineeCount(nominee: nominee.id, yes: yes, no: no, abstain: rng.int(0 ... max(0, present - yes - no)))
                    }
                    if !counts.isEmpty, rng.chance(4) { counts[0].yes += present + 1 }     // more ballots than members present
                    if !counts.isEmpty, rng.chance(3) { counts.removeLast() }              // a nominee missing
                    if counts.count > 1, rng.chance(35) {                                  // a tie made on purpose
                        counts[counts.count - 1] = NomineeCount(nominee: counts[counts.count - 1].nominee, yes: counts[0].yes, no: 0, abstain: 0)
                    }
                    let presentBefore = m.members.filter { m.attendance[$0.id] == .present }.count
                    let roundsBefore = m.item(itemID)?.rounds.count ?? 0
                    let refusal = Self.attempt(&m, &t, sequence, "vote") { (m) throws(CommitteeError) in try m.recordVote(on: itemID, counts: counts) }
                    if refusal == nil {
                        t.votes += 1
                        let round = try #require(m.item(itemID)?.rounds.last)
                        #expect(round.number == roundsBefore + 1)
                        // DEC-1: the vote was taken with a quorum of all members, by the oracle
                        #expect(Self.quorate(present: presentBefore, members: n, q), "sequence \(sequence): a vote without a quorum")
                        #expect(round.present == presentBefore && round.members == n)
                        if round.outcome.isTie { t.ties += 1 }
                        t.chosen += round.outcome.chosen.count
                    } else if !Self.quorate(present: presentBefore, members: n, q), !m.isClosed, m.item(itemID).map({ $0.status == .open || $0.status == .awaitingRevote }) == true {
                        // below quorum, a votable item is refused for the quorum, whatever else is missing
                        #expect(refusal == .noQuorum(members: n, present: presentBefore, needed: q.fewestReaching(n), quorum: q))
                    }
                case .vacancy:
                    let reason = rng.chance(90) ? "暂无合适人选" : ""
                    _ = Self.attempt(&m, &t, sequence, "vacancy") { (m) throws(CommitteeError) in try m.leaveVacant(itemID, reason: reason) }
                case .close:
                    if Self.attempt(&m, &t, sequence, "closing", { (m) throws(CommitteeError) in try m.close() }) == nil { t.closed += 1 }
                }
                try Self.checkInvariants(m, members: n, quorum: q, approval: a, sequence: sequence)
            }
        }
        // the sequences reach every case the properties speak of
        #expect(t.votes > 500 && t.refusedForQuorum > 100 && t.chosen > 300 && t.ties > 20 && t.closed > 50 && t.refusals > 1000,
                "votes \(t.votes), refused for quorum \(t.refusedForQuorum), chosen \(t.chosen), ties \(t.ties), closed \(t.closed), refusals \(t.refusals), steps \(t.steps) refused votes \(t.refusedVotes)")
    }

    static func checkInvariants(_ m: CommitteeMeeting, members n: Int, quorum q: MemberFraction, approval a: MemberFraction, sequence: Int) throws {
        for item in m.items {
            var filled = 0
            for round in item.rounds {
                // DEC-1: every round was taken with a quorum
                #expect(quorate(present: round.present, members: n, q), "sequence \(sequence): round without quorum")
                let yes = Dictionary(uniqueKeysWithValues: round.counts.map { ($0.nominee, $0.yes) })
                // DEC-4: passing is exactly yes·den > members·num; nobody else is chosen
                let passing = round.counts.filter { passes(yes: $0.yes, members: n, a) }.map(\.nominee)
                #expect(round.outcome.passing == passing)
                for c in round.outcome.chosen {
                    #expect(passes(yes: yes[c]!, members: n, a), "sequence \(sequence): \(c) chosen with \(yes[c]!) of \(n) at \(a)")
                }
                // DEC-5: never more than the seats; a tie is reported, not broken
                #expect(round.outcome.chosen.count + round.outcome.tiedSeats <= round.seats)
                if round.outcome.isTie {
                    let tiedYes = Set(round.outcome.tied.map { yes[$0]! })
                    #expect(tiedYes.count == 1 && round.outcome.tied.count > round.outcome.tiedSeats && round.outcome.tiedSeats >= 1)
                    // everyone chosen beat the tie; nobody passing outside the tie and the chosen beat anyone chosen
                    #expect(round.outcome.chosen.allSatisfy { yes[$0]! > tiedYes.first! })
                } else {
                    #expect(round.outcome.chosen.count == min(passing.count, round.seats))
                }
                let chosenYes = round.outcome.chosen.map { yes[$0]! }
                let left = passing.filter { !round.outcome.chosen.contains($0) && !round.outcome.tied.contains($0) }
                #expect(left.allSatisfy { l in chosenYes.allSatisfy { yes[l]! < $0 } })
                filled += round.outcome.chosen.count
            }
            #expect(filled <= item.seats && item.seatsOpen == item.seats - filled)
            // DEC-3: an item with an objection was never voted in its first round
            if item.opinions.values.contains(where: \.isObjection) { #expect(item.rounds.isEmpty) }
        }
        if m.isClosed {
            #expect(m.uncalled.isEmpty)
            #expect(m.items.allSatisfy { [.decided, .deferred, .vacant].contains($0.status) })
        }
    }
}
