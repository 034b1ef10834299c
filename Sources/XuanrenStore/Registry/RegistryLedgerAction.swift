/// What the ledger records about the cadre registry: files, audit findings, positions, the reserve pool and the
/// registry's settings. Stored strings: never change one (the registry history names them, `ledgerAction_…`).
public enum RegistryLedgerAction: String, LedgerAction, CaseIterable {
    case cadreCreate = "cadre.create"
    case cadreUpdate = "cadre.update"
    case cadreImport = "cadre.import"
    case findingResolve = "cadre.finding.resolve"
    case positionCreate = "position.create"
    case positionUpdate = "position.update"
    case reserveEnter = "reserve.enter"
    case reserveReview = "reserve.review"
    case reserveExit = "reserve.exit"
    case settings = "registry.settings"
}
