import SelectionCore

/// What the ledger records about selection matters. Stored strings: never change one.
public enum MatterLedgerAction: String, DescribedLedgerAction {
    case create = "matter.create"
    case revise = "matter.plan.revise"
    case publish = "matter.plan.publish"
    case amend = "matter.plan.amend"
    case advance = "matter.stage.advance"
    case outcome = "matter.stage.outcome"
    case cancel = "matter.cancel"
    case nominate = "matter.nominate"
    case review = "matter.nominee.review"
    case consolidate = "matter.nominations.consolidate"
    case sessions = "matter.recommendation.sessions"
    case talk = "matter.talk"
    case target = "matter.target"
    case withdraw = "matter.withdraw"
    case team = "matter.team"
    case notice = "matter.inspection.notice"
    case record = "matter.inspection.record"
    case opinion = "matter.opinion"
    case gate = "matter.gate"
    case hold = "matter.hold"
    case holdLift = "matter.hold.lift"
    case override = "matter.gate.override"
    case publishItem = "matter.disclose"
}

extension MatterLedgerAction {
    /// In words (LED-1), for the selection record and the ledger pages.
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .create: return zh ? "建立选任事项" : "matter created"
        case .revise: return zh ? "修改工作方案草稿" : "draft plan revised"
        case .publish: return zh ? "发布工作方案" : "plan published"
        case .amend: return zh ? "经决定调整工作方案" : "plan amended by a decision"
        case .advance: return zh ? "进入下一环节" : "moved to the next stage"
        case .outcome: return zh ? "记录环节结果" : "stage outcome recorded"
        case .cancel: return zh ? "终止选任事项" : "matter cancelled"
        case .nominate: return zh ? "提名" : "nominated"
        case .review: return zh ? "复核任职资格" : "conditions checked again"
        case .consolidate: return zh ? "汇总提名情况" : "nominations consolidated"
        case .sessions: return zh ? "创建推荐或测评投票" : "votes created for the matter"
        case .talk: return zh ? "记录谈话推荐" : "recommendation talk recorded"
        case .target: return zh ? "确定考察对象" : "chosen for inspection"
        case .withdraw: return zh ? "退出选任" : "withdrawn"
        case .team: return zh ? "组建考察组" : "inspection team set"
        case .notice: return zh ? "发布考察预告" : "inspection notice published"
        case .record: return zh ? "记录考察情况" : "inspection record added"
        case .opinion: return zh ? "征求或回复有关部门意见" : "opinion of another body asked or answered"
        case .gate: return zh ? "记录关口核查" : "gate record made"
        case .hold: return zh ? "暂停提交讨论" : "held back from the committee"
        case .holdLift: return zh ? "解除暂停" : "hold lifted"
        case .override: return zh ? "以决定不受关口限制" : "gate set aside by a decision"
        case .publishItem: return zh ? "公开事项" : "item published"
        }
    }
}
