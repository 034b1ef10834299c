/// What the ledger records about organization units (`Store+Units`). Stored strings: never change one.
public enum UnitLedgerAction: String, LedgerAction, CaseIterable {
    case create = "unit.create"
}
