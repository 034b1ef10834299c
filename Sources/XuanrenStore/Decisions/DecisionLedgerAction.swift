import SelectionCore

/// What the ledger records from the committee to the end of probation (DEC, PUB, PRB) and about the holiday
/// calendar. Stored strings: never change one.
public enum DecisionLedgerAction: String, DescribedLedgerAction, CaseIterable {
    case memberAdd = "committee.member.add"
    case memberRetire = "committee.member.retire"
    case meetingOpen = "decision.meeting.open"
    case attendance = "decision.attendance"
    case itemAdd = "decision.item"
    case present = "decision.present"
    case opinion = "decision.opinion"
    case deferItem = "decision.defer"
    case ballot = "decision.ballot"
    case vote = "decision.vote"
    case vacancy = "decision.vacant"
    case meetingClose = "decision.meeting.close"
    case publicity = "publicity.publish"
    case report = "publicity.report"
    case reportClear = "publicity.report.clear"
    case reportConfirm = "publicity.report.confirm"
    case talk = "appointment.talk"
    case appoint = "appointment.appoint"
    case probationStart = "probation.start"
    case probationConclude = "probation.conclude"
    case calendarYear = "calendar.year.add"
}

extension DecisionLedgerAction {
    /// In words (LED-1), for the selection record and the ledger pages.
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .memberAdd: return zh ? "委员会成员加入名单" : "committee member added"
        case .memberRetire: return zh ? "委员会成员移出名单" : "committee member taken off the roster"
        case .meetingOpen: return zh ? "召开讨论决定会议" : "committee meeting opened"
        case .attendance: return zh ? "登记到会情况" : "attendance recorded"
        case .itemAdd: return zh ? "列入议题" : "item put on the agenda"
        case .present: return zh ? "介绍人选" : "nominee presented"
        case .opinion: return zh ? "成员发表意见" : "member's opinion recorded"
        case .deferItem: return zh ? "议题缓议" : "item deferred"
        case .ballot: return zh ? "发起无记名投票（投票码）" : "secret vote set up (voting codes)"
        case .vote: return zh ? "记录表决结果" : "vote recorded"
        case .vacancy: return zh ? "决定职位空缺" : "post left vacant"
        case .meetingClose: return zh ? "会议结束，形成纪要" : "meeting closed, minutes formed"
        case .publicity: return zh ? "发布任前公示" : "pre-appointment publicity published"
        case .report: return zh ? "登记公示期间举报" : "report received during publicity"
        case .reportClear: return zh ? "举报核查：不影响任用" : "report cleared"
        case .reportConfirm: return zh ? "举报核查：属实并影响任用，取消任职资格" : "report verified: qualification cancelled"
        case .talk: return zh ? "任前谈话" : "pre-appointment talk"
        case .appoint: return zh ? "任职" : "appointed"
        case .probationStart: return zh ? "试用期开始" : "probation started"
        case .probationConclude: return zh ? "试用期满考核" : "probation outcome recorded"
        case .calendarYear: return zh ? "添加节假日安排年份" : "holiday calendar year added"
        }
    }
}
