import Foundation
import Testing
import XuanrenStore
import XuanrenTestSupport

/// LED-1: the action strings entries store. They are hashed into every entry and read back (the registry history,
/// `xuanren verify`, the box check), so each typed action must keep exactly its string.
@Suite("Ledger actions")
struct LedgerActionTests {
    static var declared: [String] {
        AccountLedgerAction.allCases.map(\.rawValue) + UnitLedgerAction.allCases.map(\.rawValue)
            + BallotLedgerAction.allCases.map(\.rawValue) + RegistryLedgerAction.allCases.map(\.rawValue)
            + LedgerLedgerAction.allCases.map(\.rawValue) + MatterLedgerAction.allCases.map(\.rawValue)
            + DecisionLedgerAction.allCases.map(\.rawValue) + CompetitionLedgerAction.allCases.map(\.rawValue) + SupervisionLedgerAction.allCases.map(\.rawValue)
            + CheckLedgerAction.allCases.map(\.rawValue)
            + PledgeLedgerAction.allCases.map(\.rawValue)
    }

    @Test("LED-1 every area's typed actions keep the strings stored in entries")
    func storedStrings() {
        #expect(AccountLedgerAction.allCases.map(\.rawValue) == ["account.create", "account.grant", "account.password", "account.locked", "account.custodian-key", "account.revoke", "account.disable", "account.enable"])
        #expect(UnitLedgerAction.allCases.map(\.rawValue) == ["unit.create"])
        #expect(BallotLedgerAction.allCases.map(\.rawValue) == [
            "ballot.session.create", "ballot.codes.issue", "ballot.session.open", "ballot.session.closed", "ballot.code.spent",
            "ballot.cast.refused", "ballot.paper.entry", "ballot.paper.accepted", "ballot.paper.discarded", "ballot.write-ins.confirmed", "panel.appoint",
        ])
        #expect(RegistryLedgerAction.allCases.map(\.rawValue) == [
            "cadre.create", "cadre.update", "cadre.import", "cadre.finding.resolve", "position.create", "position.update",
            "reserve.enter", "reserve.review", "reserve.exit", "registry.settings",
        ])
        #expect(LedgerLedgerAction.allCases.map(\.rawValue) == ["ledger.checkpoint"])
        #expect(MatterLedgerAction.allCases.map(\.rawValue) == [
            "matter.create", "matter.plan.revise", "matter.plan.publish", "matter.plan.amend", "matter.stage.advance", "matter.stage.outcome",
            "matter.cancel", "matter.nominate", "matter.nominee.review", "matter.nominations.consolidate", "matter.recommendation.sessions",
            "matter.talk", "matter.target", "matter.withdraw", "matter.team", "matter.inspection.notice", "matter.inspection.record",
            "matter.opinion", "matter.gate", "matter.hold", "matter.hold.lift", "matter.gate.override", "matter.disclose",
        ])
        #expect(DecisionLedgerAction.allCases.map(\.rawValue) == [
            "committee.member.add", "committee.member.retire", "decision.meeting.open", "decision.attendance", "decision.item", "decision.present",
            "decision.opinion", "decision.defer", "decision.ballot", "decision.vote", "decision.vacant", "decision.meeting.close",
            "publicity.publish", "publicity.report", "publicity.report.clear", "publicity.report.confirm", "appointment.talk", "appointment.appoint",
            "probation.start", "probation.conclude", "calendar.year.add",
        ])
        #expect(CheckLedgerAction.allCases.map(\.rawValue) == [
            "check.create", "check.sample.draw", "check.file.review", "check.leader.answer", "check.finding", "check.review.conclude",
            "check.notice.issue", "check.rectification.report", "check.rectification.verify", "check.close",
        ])
        #expect(PledgeLedgerAction.allCases.map(\.rawValue) == ["pledge.campaign.create", "pledge.campaign.open", "pledge.record", "pledge.campaign.close"])
        #expect(Set(Self.declared).count == Self.declared.count)
    }

    @Test("LED-1 an event stores its typed action's string")
    func eventStoresRawValue() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            try await store.write { tx in
                try await tx.record(LedgerEvent(actor: "tester", action: BallotLedgerAction.sessionClosed, subjectType: "thing", subjectID: "x"))
            }
            #expect(try await store.ledgerHead()?.action == "ballot.session.closed")
        }
    }

    @Test("LED-1 the demo county records declared actions only")
    func demoUsesDeclaredActions() async throws {
        try await TestDatabase.sqlite.withStore { store, _ in
            #expect(try await DemoCounty.seed(store, hasher: PlainHasher(), cadres: 5))
            let used = Set(try await store.ledgerEntries(limit: 10_000).map(\.action))
            #expect(!used.isEmpty)
            #expect(used.isSubset(of: Set(Self.declared)), "undeclared: \(used.subtracting(Self.declared).sorted())")
        }
    }
}
