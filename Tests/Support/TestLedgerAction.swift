import XuanrenStore

/// The actions the ledger tests record: entries of no area, to fill and tamper with a chain.
public enum TestLedgerAction: String, LedgerAction, CaseIterable {
    case step = "test.step"
    case concurrent = "test.concurrent"
}
