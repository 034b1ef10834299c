import Foundation
import SelectionCore
import XuanrenStore

/// Three custodian accounts for ballot tests (made on first use in a store), two of whom open a box.
public enum TestCustodians {
    public static let names = ["cust-a", "cust-b", "cust-c"]
    public static let password = "Custodian-2026-ok"
    public static var plan: CustodianPlan { CustodianPlan(names: names, threshold: 2) }

    public static func confirmations(_ who: [String] = ["cust-a", "cust-b"], password: String = TestCustodians.password) -> [CustodianConfirmation] {
        who.map { CustodianConfirmation(username: $0, password: password) }
    }

    /// The closing form's fields for two custodians (web tests).
    public static var closeForm: [String: String] {
        ["confirm": "on", "custodian1": "cust-a", "password1": password, "custodian2": "cust-b", "password2": password]
    }

    /// Makes the custodian accounts if missing, with `hasher` (the web tests pass the app's Bcrypt).
    public static func ensure(_ store: Store, hasher: any PasswordHashing = PlainHasher()) async throws {
        for n in names where try await store.account(username: n) == nil {
            try await store.createAccount(username: n, displayName: "监票人 \(n)", password: password, mustChangePassword: false,
                                          actor: "test", hasher: hasher)
        }
    }
}

/// Shorthands for tests written before sealed ballots and acting users: they act as the system and use the
/// standard test custodians.
extension Store {
    @discardableResult
    public func createBallotSession(unitCode: String, box: BallotBox, previousRound: UUID? = nil, disclosure: DisclosureScope = .everyone,
                                    pairedWith: UUID? = nil, trackingCodes: Bool = true, actor: String) async throws -> UUID {
        try await TestCustodians.ensure(self)
        return try await createBallotSession(unitCode: unitCode, box: box, previousRound: previousRound, disclosure: disclosure, pairedWith: pairedWith,
                                             trackingCodes: trackingCodes, custodians: TestCustodians.plan, by: .system(actor))
    }

    public func issueCodes(session id: UUID, category: String, count: Int, weight: Int = 1, actor: String) async throws -> [VotingCode] {
        try await issueCodes(session: id, category: category, count: count, weight: weight, by: .system(actor))
    }

    public func openBallotSession(_ id: UUID, actor: String) async throws { try await openBallotSession(id, by: .system(actor)) }

    @discardableResult
    public func closeBallotSession(_ id: UUID, actor: String, hasher: any PasswordHashing = PlainHasher()) async throws -> TallyResult {
        try await closeBallotSession(id, custodians: TestCustodians.confirmations(), by: .system(actor), hasher: hasher)
    }

    public func enterPaperBallot(session id: UUID, clerk: String, sheet: Int, ballot: Ballot) async throws {
        try await enterPaperBallot(session: id, sheet: sheet, ballot: ballot, by: .system(clerk))
    }

    @discardableResult
    public func acceptPaperBallots(session id: UUID, actor: String) async throws -> Int {
        try await acceptPaperBallots(session: id, by: .system(actor))
    }

    public func paperReconciliation(session id: UUID) async throws -> PaperReconciliation {
        try await paperReconciliation(session: id, by: .system())
    }
}
