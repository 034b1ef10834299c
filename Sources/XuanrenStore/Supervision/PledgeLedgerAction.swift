import SelectionCore

/// What the ledger records of pledge campaigns (DIS-3). Stored strings: never change one.
public enum PledgeLedgerAction: String, DescribedLedgerAction, CaseIterable {
    case create = "pledge.campaign.create"
    case open = "pledge.campaign.open"
    /// A cadre's signed paper pledge received and recorded by a clerk or an organizer.
    case record = "pledge.record"
    case close = "pledge.campaign.close"
}

extension PledgeLedgerAction {
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .create: return zh ? "创建换届纪律承诺书征集" : "pledge campaign created"
        case .open: return zh ? "开始征集承诺书（确定应签干部）" : "pledge campaign opened (the cadres who sign fixed)"
        case .record: return zh ? "登记干部签署的承诺书" : "a cadre's signed pledge recorded"
        case .close: return zh ? "结束承诺书征集" : "pledge campaign closed"
        }
    }
}
