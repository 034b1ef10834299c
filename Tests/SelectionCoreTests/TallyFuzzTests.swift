import Foundation
import PropertyBased
import Testing
@testable import SelectionCore

/// Random bytes and mutations of valid files: the reader either counts or reports an input error; it never crashes.
@Suite("Ballot box fuzzing")
struct TallyFuzzTests {
    static let seeds: [[UInt8]] = {
        let ex = (try? Data(contentsOf: fixtures.appendingPathComponent("ballot-box-example.json"))).map { Array($0) } ?? []
        return [ex,
                Array(approvalBox(members: 5, [[("c1", "yes")], [("c1", "no"), ("c2", "x")]], candidates: ["c1", "c2"]).json().utf8),
                Array(evaluationBox(entitled: 3, [[rating("c1")], [rating("c1", "poor", "basic")]]).json().utf8),
                Array(electionBox(entitled: 4, [["a"], ["b", "c"], []], configure: { $0.eligible = ["a", "b"] }).json().utf8)]
    }()


    func survives(_ bytes: [UInt8]) -> Bool {
        do { _ = try tally(bytes: bytes); return true } catch { return !error.path.isEmpty }
    }

    @Test("Fuzz: mutated valid files never crash (byte flips, insertions, deletions)")
    func mutated() async {
        await propertyCheck(count: 3000, input: Gen.int(in: 0 ... 3), Gen.int(in: 0 ... 1_000_000).array(of: 1 ... 8),
                            Gen.int(in: 0 ... 255).array(of: 1 ... 8)) { seed, positions, bytes in
            var b = Self.seeds[seed]
            for (i, p) in positions.enumerated() {
                guard !b.isEmpty else { break }
                let at = p % b.count
                switch bytes[i % bytes.count] % 3 {
                case 0: b[at] = UInt8(bytes[i % bytes.count])
                case 1: b.insert(UInt8(bytes[(i + 1) % bytes.count]), at: at)
                default: b.remove(at: at)
                }
            }
            #expect(survives(b))
            // truncations too
            #expect(survives(Array(b.prefix(positions[0] % (b.count + 1)))))
        }
    }

    @Test("Fuzz: random bytes never crash")
    func randomBytes() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0 ... 255).array(of: 0 ... 300)) { raw in
            #expect(survives(raw.map(UInt8.init)))
            #expect(survives(Array("{\"format\":\"xuanren.ballot-box/1\",".utf8) + raw.map(UInt8.init)))
        }
    }
}
