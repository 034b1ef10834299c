import SelectionCore

/// What the ledger records of registration, the qualification review and the written exam (ELG-6…9, EXM-1, EXM-2).
/// Stored strings: never change one.
public enum CompetitionLedgerAction: String, DescribedLedgerAction, CaseIterable {
    case open = "registration.open"
    case register = "applicant.register"
    case switchPosition = "applicant.switch"
    case withdraw = "applicant.withdraw"
    case confirm = "applicant.confirm"
    case review = "applicant.review"
    case override = "applicant.review.override"
    case fate = "registration.position.fate"
    case seal = "exam.seal"
    case grade = "exam.grade"
    case absent = "exam.absent"
    case importScores = "exam.import"
    case openKey = "exam.key.open"
    case progression = "exam.progression"
    case scoring = "scoring.rules"
    case panel = "interview.panel"
    case interviewScore = "interview.score"
    case interviewAbsent = "interview.absent"
    case shortlist = "scoring.shortlist"
    /// ELG-8: an applicant switched position themself, signed in to their applicant account, before the closing second.
    case selfSwitch = "applicant.switch.self"
    /// An applicant set their sign-in password with the activation code of their first registration (never the
    /// password, the code or the identity number).
    case accountActivate = "applicant.account.activate"
    /// Too many wrong passwords or activation codes: the applicant account is locked for a while.
    case accountLocked = "applicant.account.locked"
    case conflict = "interview.conflict"
    case questions = "interview.questions"
    case stageScore = "scoring.stage.entry"
}

extension CompetitionLedgerAction {
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .open: return zh ? "开放报名" : "registration opened"
        case .register: return zh ? "报名" : "applicant registered"
        case .switchPosition: return zh ? "改报职位" : "applicant switched position"
        case .withdraw: return zh ? "退出报名" : "applicant withdrew"
        case .confirm: return zh ? "所在单位确认报名表" : "form confirmed by the applicant's unit"
        case .review: return zh ? "资格审查" : "qualification review"
        case .override: return zh ? "资格审查复核（记录理由）" : "review outcome changed with a reason"
        case .fate: return zh ? "未达开考比例职位的处理" : "position below the opening ratio decided"
        case .seal: return zh ? "试卷密封编号，安排考场座位" : "papers sealed, rooms and seats assigned"
        case .grade: return zh ? "评卷录分（密号）" : "paper graded (by code)"
        case .absent: return zh ? "登记缺考" : "absence recorded"
        case .importScores: return zh ? "导入考试机构成绩" : "exam centre scores imported"
        case .openKey: return zh ? "监督人员确认拆封密号" : "code key opened by a supervisor"
        case .progression: return zh ? "公布入围面试名单和最低分" : "those going on and the lowest score published"
        case .scoring: return zh ? "确定计分规则" : "scoring rules set"
        case .panel: return zh ? "随机抽取面试考官" : "interview panel drawn by lot"
        case .interviewScore: return zh ? "面试考官评分（签名锁定）" : "interview score signed and locked"
        case .interviewAbsent: return zh ? "登记面试缺考" : "interview absence recorded"
        case .shortlist: return zh ? "按综合成绩确定人选" : "candidates drawn from the composite"
        case .selfSwitch: return zh ? "报名人本人改报职位" : "applicant switched position themself"
        case .accountActivate: return zh ? "报名人设置登录密码" : "applicant set a sign-in password"
        case .accountLocked: return zh ? "报名人账号暂时锁定" : "applicant account locked for a while"
        case .conflict: return zh ? "面试考官申报回避，随机抽取替补" : "a judge declared a conflict; a replacement drawn by lot"
        case .questions: return zh ? "记录面试题本和时间" : "interview questions and times recorded"
        case .stageScore: return zh ? "录入综合成绩的环节得分（注明依据，录入即锁定）" : "composite stage score entered with its reference, locked"
        }
    }
}
