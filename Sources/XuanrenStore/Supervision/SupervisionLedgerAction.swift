import SelectionCore

/// What the ledger records of reports and cases (CAS-1…6). Stored strings: never change one.
public enum SupervisionLedgerAction: String, DescribedLedgerAction, CaseIterable {
    /// Public reports, written in shuffled batches: the count and keyed digests of the batch, no case number.
    case received = "reports.received"
    /// A report a clerk entered (call, letter, visit).
    case entered = "case.enter"
    case assign = "case.assign"
    case investigate = "case.investigate"
    case target = "case.target"
    case forward = "case.forward"
    case conclude = "case.conclude"
    case review = "case.review"
    case extend = "case.extend"
    /// CAS-2: a supervisor read a real-name reporter's identity.
    case identityRead = "case.identity.read"
    /// CAS-6: a typical case published after redaction.
    case publish = "case.publish"
    /// CAS-3 on the matter: halted by an open case, released when it concluded.
    case halt = "matter.halt"
    case release = "matter.release"
    /// SUR-1, SUR-2: a 一报告两评议 round and its two ballot sessions.
    case surveyCreate = "survey.create"
    /// ASM-5: a consequence proposed to the committee, with its evidence.
    case propose = "consequence.propose"
}

extension SupervisionLedgerAction {
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .received: return zh ? "收到网络举报（批量登记）" : "web reports received (a batch)"
        case .entered: return zh ? "登记来电来信来访举报" : "report entered (call, letter or visit)"
        case .assign: return zh ? "交办举报案件" : "case assigned"
        case .investigate: return zh ? "开展调查核实" : "investigation started"
        case .target: return zh ? "确定举报涉及的事项和人选" : "case linked to the matter and person it concerns"
        case .forward: return zh ? "转办下级" : "case forwarded to a lower unit"
        case .conclude: return zh ? "办结" : "case concluded"
        case .review: return zh ? "转办件复核" : "forwarded case reviewed"
        case .extend: return zh ? "延长办理期限" : "deadline extended"
        case .identityRead: return zh ? "查阅实名举报人身份" : "real-name reporter's identity read"
        case .publish: return zh ? "公开典型案例" : "typical case published"
        case .halt: return zh ? "因举报暂停选拔任用" : "selection halted by a report"
        case .release: return zh ? "举报办结，恢复选拔任用" : "selection released, the report concluded"
        case .surveyCreate: return zh ? "发起“一报告两评议”" : "annual appraisal of selection work started"
        case .propose: return zh ? "向党委（党组）提出处理建议" : "consequence proposed to the committee"
        }
    }
}
