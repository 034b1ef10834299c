import SelectionCore

/// What the ledger records about itself. Stored strings: never change one (`xuanren verify` reads the reason of
/// each `checkpoint` entry).
public enum LedgerLedgerAction: String, DescribedLedgerAction {
    /// The head signed on demand, at a server's start or at the end of a command, with the reason.
    case checkpoint = "ledger.checkpoint"
}

extension LedgerLedgerAction {
    /// In words (LED-1), for the selection record and the ledger pages.
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .checkpoint: return zh ? "签署检查点" : "checkpoint signed"
        }
    }
}
