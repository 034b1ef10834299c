import SelectionCore

/// What the ledger records about organization units (`Store+Units`). Stored strings: never change one.
public enum UnitLedgerAction: String, DescribedLedgerAction {
    case create = "unit.create"
}

extension UnitLedgerAction {
    /// In words (LED-1), for the selection record and the ledger pages.
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .create: return zh ? "建立单位" : "unit created"
        }
    }
}
