/// What the ledger records about itself. Stored strings: never change one (`xuanren verify` reads the reason of
/// each `checkpoint` entry).
public enum LedgerLedgerAction: String, LedgerAction, CaseIterable {
    /// The head signed on demand, at a server's start or at the end of a command, with the reason.
    case checkpoint = "ledger.checkpoint"
}
