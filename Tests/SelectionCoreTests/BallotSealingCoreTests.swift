import Testing
@testable import SelectionCore

/// A seeded generator so that property runs are reproducible.
@Suite("BAL-9 secret sharing of a session key (Shamir over GF(256))")
struct SecretSharingTests {
    @Test("BAL-9 every set of k custodians' shares rebuilds the key, for k of n from 2 of 2 to 5 of 7")
    func everySubsetRebuilds() throws {
        var rng = SplitMix64(state: 7)
        for (k, n) in [(2, 2), (2, 3), (3, 5), (5, 7)] {
            let secret = (0 ..< 32).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            let shares = try SecretSharing.split(secret, threshold: k, count: n, using: &rng)
            #expect(shares.count == n)
            #expect(Set(shares.map(\.index)).count == n)
            // every k-subset
            func subsets(_ from: ArraySlice<SecretSharing.Share>, _ size: Int) -> [[SecretSharing.Share]] {
                if size == 0 { return [[]] }
                guard let first = from.first else { return [] }
                return subsets(from.dropFirst(), size - 1).map { [first] + $0 } + subsets(from.dropFirst(), size)
            }
            for subset in subsets(shares[...], k) {
                #expect(try SecretSharing.combine(subset.shuffled(using: &rng), threshold: k) == secret)
            }
        }
    }

    @Test("BAL-9 fewer than k shares are refused, and k−1 shares read as k−1 give a different key")
    func fewerThanThreshold() throws {
        var rng = SplitMix64(state: 11)
        let secret = (0 ..< 32).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        let shares = try SecretSharing.split(secret, threshold: 3, count: 5, using: &rng)
        #expect(throws: SecretSharing.SharingError.notEnoughShares(needed: 3, given: 2)) { try SecretSharing.combine(Array(shares.prefix(2)), threshold: 3) }
        #expect(try SecretSharing.combine(Array(shares.prefix(2)), threshold: 2) != secret)
        // the same share twice is one share
        #expect(throws: SecretSharing.SharingError.notEnoughShares(needed: 3, given: 2)) { try SecretSharing.combine([shares[0], shares[0], shares[1]], threshold: 3) }
    }

    @Test("BAL-9 one share alone is uniformly spread: over many splits of the same secret its first byte takes many values")
    func oneShareSaysNothing() throws {
        var rng = SplitMix64(state: 3)
        var seen = Set<UInt8>()
        for _ in 0 ..< 2000 { seen.insert(try SecretSharing.split([42], threshold: 2, count: 3, using: &rng)[0].bytes[0]) }
        #expect(seen.count > 240)
    }

    @Test("BAL-9 GF(256) arithmetic: every non-zero element times its inverse is 1")
    func fieldInverse() {
        for a in 1 ... 255 { #expect(GF256.mul(UInt8(a), GF256.inverse(UInt8(a))) == 1) }
        #expect(GF256.mul(0x57, 0x83) == 0xC1)   // FIPS-197 example
    }

    @Test("BAL-9 a share's encoding round-trips and index 0 is refused")
    func shareEncoding() {
        let s = SecretSharing.Share(index: 3, bytes: [1, 2, 3])
        #expect(SecretSharing.Share(encoded: s.encoded) == s)
        #expect(SecretSharing.Share(encoded: [0, 1, 2]) == nil)
    }
}

@Suite("BAL-9 ballot padding")
struct BallotPaddingTests {
    static let candidates = [Candidate(id: "c1", name: "张三"), Candidate(id: "c2", name: "李四"), Candidate(id: "c3", name: "王五")]

    @Test("BAL-9 every ballot a voter can cast fits the session's one padded length, and unpads to itself")
    func everyBallotFits() throws {
        var rng = SplitMix64(state: 5)
        var rec = BallotSettings.Recommendation(categories: [VoterCategory(id: "leaders", weight: 0.4, entitled: 10), VoterCategory(id: "representatives", weight: 0.6, entitled: 20)])
        rec.maxChoices = 3
        var election = BallotSettings.Election(entitled: 30)
        election.seats = 2
        let boxes: [BallotBox] = [
            BallotBox(title: "推荐", settings: .weightedRecommendation(rec), candidates: Self.candidates, ballots: []),
            BallotBox(title: "表决", settings: .approval(.init(members: 9)), candidates: Self.candidates, ballots: []),
            BallotBox(title: "选举", settings: .election(election), candidates: Self.candidates, ballots: []),
        ]
        for box in boxes {
            let length = BallotPadding.length(for: box)
            #expect(length % 64 == 0)
            for _ in 0 ..< 200 {
                let ballot: Ballot
                switch box.settings {
                case .weightedRecommendation:
                    ballot = .recommendation(category: ["leaders", "representatives"].randomElement(using: &rng)!,
                                             ranking: Array(Self.candidates.map(\.id).shuffled(using: &rng).prefix(Int.random(in: 0 ... 3, using: &rng))))
                case .approval:
                    ballot = .approval(votes: Self.candidates.map { (candidate: $0.id, answer: ["yes", "no", "abstain"].randomElement(using: &rng)!) })
                default:
                    let writeIn = String(repeating: "名", count: Int.random(in: 1 ... BallotPadding.maxWriteInCharacters, using: &rng))
                    ballot = .election(choices: [writeIn, "c1", writeIn].prefix(Int.random(in: 0 ... 3, using: &rng)).map { $0 })
                }
                let text = ballot.json(tracking: "TABCDEFGHJK")
                let padded = try #require(BallotPadding.pad(text, to: length))
                #expect(padded.count == length)
                #expect(BallotPadding.unpad(padded) == text)
            }
        }
    }

    @Test("BAL-9 a ballot longer than the session's length does not fit (and is refused, never cut)")
    func tooLong() {
        #expect(BallotPadding.pad(String(repeating: "x", count: 61), to: 64) == nil)
        #expect(BallotPadding.pad(String(repeating: "x", count: 60), to: 64)?.count == 64)
        #expect(BallotPadding.unpad([0, 0, 1, 0, 65]) == nil)
    }
}

@Suite("BAL-9 the ballot session workflow")
struct BallotSessionWorkflowTests {
    let plan = CustodianPlan(names: ["zhou", "wu", "zheng"], threshold: 2)

    @Test("BAL-9 a session opens from draft only and closes only with k distinct custodians of its own")
    func closingNeedsCustodians() throws {
        var s = BallotSession.new(plan)
        #expect(throws: BallotSessionError.wrongState(.draft)) { _ = try s.close(confirmedBy: ["zhou", "wu"]) }
        try s.open()
        #expect(throws: BallotSessionError.wrongState(.open)) { try s.open() }
        #expect(throws: BallotSessionError.notEnoughCustodians(needed: 2, confirmed: 1)) { _ = try s.close(confirmedBy: ["zhou", "ZHOU"]) }
        #expect(throws: BallotSessionError.notACustodian("li")) { _ = try s.close(confirmedBy: ["zhou", "li"]) }
        #expect(throws: BallotSessionError.pendingPaperEntries) { _ = try s.close(confirmedBy: ["zhou", "wu"], pendingPaperSheets: 3) }
        #expect(s.status == .open)
        #expect(try s.close(confirmedBy: ["wu", "zheng", "zhou"]) == ["wu", "zheng"])
        #expect(s.status == .closed)
        #expect(throws: BallotSessionError.wrongState(.closed)) { try s.takeBallots() }
    }

    @Test("BAL-9 a session from before sealing takes no ballots but can be closed without custodians")
    func legacySession() throws {
        var s = BallotSession(status: .open, custodians: [], threshold: 0, sealed: false)
        #expect(throws: BallotSessionError.unsealedSession) { try s.takeBallots() }
        #expect(try s.close(confirmedBy: []) == [])
    }

    @Test("BAL-9 a custodian plan needs 2…9 distinct names and 2 ≤ k ≤ n")
    func planChecks() throws {
        #expect(throws: InvalidInput.self) { try CustodianPlan.checked(names: ["a"], threshold: 1) }
        #expect(throws: InvalidInput.self) { try CustodianPlan.checked(names: ["a", "b"], threshold: 3) }
        #expect(throws: InvalidInput.self) { try CustodianPlan.checked(names: ["a", "b", "c"], threshold: 1) }
        #expect(throws: InvalidInput.self) { try CustodianPlan.checked(names: ["a", "A", "c"], threshold: 2) }
        #expect(try CustodianPlan.checked(names: [" Zhou ", "wu", ""], threshold: 2) == CustodianPlan(names: ["zhou", "wu"], threshold: 2))
    }

    @Test("BAL-8 codes never exceed a category's entitled voters by weight, and none after closing")
    func issuing() throws {
        var s = BallotSession.new(plan)
        try s.issue(count: 3, weight: 3, alreadyIssued: 0, entitled: 9, category: "members")
        #expect(throws: InvalidInput.self) { try s.issue(count: 1, weight: 3, alreadyIssued: 7, entitled: 9, category: "members") }
        #expect(throws: InvalidInput.self) { try s.issue(count: 1, weight: 0, alreadyIssued: 0, entitled: 9, category: "members") }
        try s.open()
        _ = try s.close(confirmedBy: ["zhou", "wu"])
        #expect(throws: InvalidInput.self) { try s.issue(count: 1, weight: 1, alreadyIssued: 0, entitled: 9, category: "members") }
    }
}

@Suite("BAL-4 and BAL-5 guards of a new session")
struct SessionGuardTests {
    @Test("BAL-4 a next round names a closed round of the same kind only")
    func previousRound() throws {
        try BallotSession.checkPreviousRound(status: .closed, kind: .approval, newKind: .approval, id: "r1")
        #expect(throws: InvalidInput.self) { try BallotSession.checkPreviousRound(status: .open, kind: .approval, newKind: .approval, id: "r1") }
        #expect(throws: InvalidInput.self) { try BallotSession.checkPreviousRound(status: .closed, kind: .evaluation, newKind: .approval, id: "r1") }
    }

    @Test("BAL-5 a pair is two sessions of the same unit, each in one pair at most")
    func pair() throws {
        try BallotSession.checkPair(sameUnit: true, otherAlreadyPaired: false, id: "p")
        #expect(throws: InvalidInput.self) { try BallotSession.checkPair(sameUnit: false, otherAlreadyPaired: false, id: "p") }
        #expect(throws: InvalidInput.self) { try BallotSession.checkPair(sameUnit: true, otherAlreadyPaired: true, id: "p") }
    }
}

@Suite("BAL-9 ballot session workflow, any order of actions")
struct BallotSessionPropertyTests {
    @Test("BAL-9 no sequence of actions closes a session without k distinct custodians, reopens it, or takes ballots outside voting")
    func noSequenceSkipsAGuard() {
        var rng = SplitMix64(state: 99)
        let names = ["a", "b", "c", "d"]
        for _ in 0 ..< 2000 {
            let k = Int.random(in: 2 ... 4, using: &rng)
            var s = BallotSession.new(CustodianPlan(names: names, threshold: k))
            var opened = false, closed = false
            for _ in 0 ..< 8 {
                let before = s
                switch Int.random(in: 0 ..< 3, using: &rng) {
                case 0:
                    if (try? s.open()) != nil { #expect(before.status == .draft); opened = true } else { #expect(s == before) }
                case 1:
                    let who = (0 ..< Int.random(in: 0 ... 5, using: &rng)).map { _ in (names + ["x"]).randomElement(using: &rng)! }
                    if let used = try? s.close(confirmedBy: who) {
                        #expect(before.status == .open)
                        #expect(Set(used).count == k && Set(used).isSubset(of: Set(who)) && Set(who).isSubset(of: Set(names)))
                        closed = true
                    } else { #expect(s == before) }
                default:
                    let ok = (try? s.takeBallots()) != nil
                    #expect(ok == (s.status == .open))
                }
            }
            #expect(!closed || opened)
            if closed { #expect(s.status == .closed) }
        }
    }
}

@Suite("SEL-5 write-ins on public pages")
struct WriteInTests {
    @Test("SEL-5 before confirmation each name written in becomes a numbered label with its votes; listed candidates keep theirs")
    func withheld() throws {
        var s = BallotSettings.Election(entitled: 5)
        s.seats = 1
        s.minTurnout = Fraction(1, 5)
        let box = BallotBox(title: "选举", settings: .election(s), candidates: [Candidate(id: "c1", name: "王明")],
                            ballots: [.election(choices: ["c1"]), .election(choices: ["赵六"]), .election(choices: ["赵六"]), .election(choices: ["钱七"])])
        let r = try Tally.count(box)
        #expect(Set(r.writeIns(listed: ["c1"])) == ["赵六", "钱七"])
        let w = r.withholdingWriteIns(listed: ["c1"]) { "另选他人 \($0)" }
        let text = w.grid(in: .zhHans).table.flatMap { $0 }.joined(separator: " ")
        #expect(!text.contains("赵六") && !text.contains("钱七"))
        #expect(text.contains("另选他人 1") && text.contains("另选他人 2") && text.contains("王明"))
        guard case .election(let rows, _) = w.rows, case .election(let orig, _) = r.rows else { Issue.record("kind"); return }
        #expect(rows.map(\.votes) == orig.map(\.votes))
        #expect(rows.map(\.elected) == orig.map(\.elected))
    }
}
