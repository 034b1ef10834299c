import SelectionCore

/// What the ledger records of supervision checks (CHK-1…6). Stored strings: never change one.
public enum CheckLedgerAction: String, DescribedLedgerAction, CaseIterable {
    case create = "check.create"
    case draw = "check.sample.draw"
    case review = "check.file.review"
    case answer = "check.leader.answer"
    case finding = "check.finding"
    case conclude = "check.review.conclude"
    case notice = "check.notice.issue"
    case report = "check.rectification.report"
    case verify = "check.rectification.verify"
    case close = "check.close"
}

extension CheckLedgerAction {
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .create: return zh ? "检查立项" : "check planned"
        case .draw: return zh ? "随机抽取检查档案" : "files drawn for the check"
        case .review: return zh ? "查阅档案（检查清单）" : "file reviewed (checklist)"
        case .answer: return zh ? "主要领导有关问题作答" : "question on the main leaders answered"
        case .finding: return zh ? "列入检查发现的问题" : "finding listed"
        case .conclude: return zh ? "形成检查意见" : "review concluded"
        case .notice: return zh ? "下发整改通知书" : "rectification notice issued"
        case .report: return zh ? "报告整改情况" : "rectification reported"
        case .verify: return zh ? "验收整改情况" : "rectification verified"
        case .close: return zh ? "检查办结" : "check closed"
        }
    }
}
