import Foundation
import SelectionCore
import Synchronization
import Testing
import XuanrenStore
import XuanrenTestSupport

/// Counts what a store draws from its source, passing the system generator's bits through.
final class CountingRandomSource: RandomSource {
    let draws = Mutex(0)
    func next() -> UInt64 {
        draws.withLock { $0 += 1 }
        return SystemRandomSource().next()
    }
}

@Suite("Random source")
struct RandomSourceTests {
    @Test("a store draws from the system CSPRNG unless it is given another")
    func systemByDefault() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            #expect(store.random is SystemRandomSource)
        }
    }

    /// Issues four codes, casts with each and returns the codes and the tracking codes, on a fresh database.
    static func codesAndTracking(seed: UInt64) async throws -> (codes: [String], tracking: [String]) {
        try await TestDatabase.sqlite.withStore { store, _ in
            var store = store
            store.random = SeededRandomSource(seed: seed)
            try await BallotChecks.seedUnit(store)
            let id = try await store.createBallotSession(unitCode: "county", box: BallotChecks.recommendationBox(), actor: "organizer")
            let codes = try await store.issueCodes(session: id, category: "staff", count: 4, actor: "organizer")
            try await store.openBallotSession(id, actor: "organizer")
            var tracking: [String] = []
            for code in codes {
                tracking.append(try await store.cast(session: id, code: code, ballot: .recommendation(category: "", ranking: ["c1"])))
            }
            return (codes.map(\.canonical), tracking)
        }
    }

    @Test("BAL-1 a seeded source gives the same voting codes and tracking codes on every run, another seed others")
    func seededIsReproducible() async throws {
        let a = try await Self.codesAndTracking(seed: 42)
        let b = try await Self.codesAndTracking(seed: 42)
        let c = try await Self.codesAndTracking(seed: 43)
        #expect(a.codes == b.codes)
        #expect(a.tracking == b.tracking)
        #expect(Set(a.tracking).count == 4)
        #expect(a.codes != c.codes)
    }

    @Test("BAL-9 the closing shuffle draws from the store's source")
    func closingShuffleUsesSource() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            var store = store
            let counter = CountingRandomSource()
            store.random = counter
            try await BallotChecks.seedUnit(store)
            let id = try await store.createBallotSession(unitCode: "county", box: BallotChecks.recommendationBox(), trackingCodes: false, actor: "organizer")
            let codes = try await store.issueCodes(session: id, category: "staff", count: 4, actor: "organizer")
            try await store.openBallotSession(id, actor: "organizer")
            for code in codes { _ = try await store.cast(session: id, code: code, ballot: .recommendation(category: "", ranking: ["c1"])) }
            let before = counter.draws.withLock { $0 }
            try await store.closeBallotSession(id, actor: "organizer")
            // shuffling four ballots takes at least three draws
            #expect(counter.draws.withLock { $0 } - before >= 3)
        }
    }
}
