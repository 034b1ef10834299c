import SelectionCore

/// What the ledger records about the cadre registry: files, audit findings, positions, the reserve pool and the
/// registry's settings. Stored strings: never change one (the registry history names them, `ledgerAction_…`).
public enum RegistryLedgerAction: String, DescribedLedgerAction {
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

extension RegistryLedgerAction {
    /// In words (LED-1), for the selection record and the ledger pages.
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .cadreCreate: return zh ? "建立档案" : "file created"
        case .cadreUpdate: return zh ? "修改档案" : "file changed"
        case .cadreImport: return zh ? "导入档案" : "files imported"
        case .findingResolve: return zh ? "核实审核问题" : "audit finding resolved"
        case .positionCreate: return zh ? "保存职位条件" : "position saved"
        case .positionUpdate: return zh ? "修改职位条件" : "position changed"
        case .reserveEnter: return zh ? "加入后备干部库" : "entered the reserve pool"
        case .reserveReview: return zh ? "后备干部考察" : "reserve review"
        case .reserveExit: return zh ? "退出后备干部库" : "left the reserve pool"
        case .settings: return zh ? "修改档案设置" : "registry settings changed"
        }
    }
}
