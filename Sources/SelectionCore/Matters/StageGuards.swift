import Foundation

/// What the guards look at: the store gathers these facts about a matter inside the transaction that
/// advances it; the rules below are pure.
public struct StageFacts: Sendable, Equatable {
    public var today: CivilDay
    public var posts: Int = 1
    // nomination (NOM-1, NOM-2, ELG-6)
    public var consolidated = false
    public var qualifiedNominees = 0
    public var unreviewedNominees = 0
    // recommendation (BAL-1, BAL-5)
    public var meetingVoteClosed: Bool? = nil
    public var talkVoteClosed: Bool? = nil
    public var talksRecorded = 0
    /// Whether a recommendation (with BAL-5 verdicts) was held in this matter.
    public var recommendationHeld = false
    public var targets: [Target] = []
    public var evaluationClosed = false
    public var consultationRecorded = false
    // inspection (INS-1…7)
    public var noticePublished: CivilDay? = nil
    public var team: [TeamMember] = []
    public var candidates: [Candidate] = []
    public var comparisonWritten = false
    /// Stages whose outcome was recorded by hand (their module is not in this release).
    public var recordedOutcomes: Set<StageKind> = []
    // decision, publicity, appointment, probation (DEC, PUB, PRB); nil: not read
    public var decisions: DecisionFacts? = nil
    // registration, qualification review, written exam (ELG, EXM); nil: not read
    public var competition: CompetitionFacts? = nil
    /// CAS-3: the numbers of the open report cases that halt the matter.
    public var halts: [String] = []

    public struct Target: Sendable, Equatable {
        public var name: String
        public var reason: String
        /// BAL-5 verdict when a recommendation was held (nil: no recommendation in this matter).
        public var doubleMajority: Bool?
        public init(name: String, reason: String, doubleMajority: Bool? = nil) { self.name = name; self.reason = reason; self.doubleMajority = doubleMajority }
    }

    public struct Candidate: Sendable, Equatable {
        public var name: String
        public var withdrawn = false
        public var talks = 0
        public var materials = false
        public var gates = GateFacts()
        public init(name: String, withdrawn: Bool = false, talks: Int = 0, materials: Bool = false, gates: GateFacts = GateFacts()) {
            self.name = name; self.withdrawn = withdrawn; self.talks = talks; self.materials = materials; self.gates = gates
        }
    }

    public init(today: CivilDay, posts: Int = 1) { self.today = today; self.posts = posts }
}

/// Each stage's entry and exit guard, as refusals in words (empty: the guard holds).
public enum StageGuards {
    /// What must hold before a matter may leave `stage`.
    public static func exit(_ stage: StageKind, _ f: StageFacts, _ s: MatterSettings) -> [Refusal] {
        var out: [Refusal] = []
        switch stage {
        case .initialNomination:
            if !f.consolidated {
                out.append(Refusal("NOM-2", zh: "尚未汇总各渠道提名（记实汇总）", en: "the nominations of all channels have not been consolidated"))
            }
            if f.unreviewedNominees > 0 {
                out.append(Refusal("ELG-6", zh: "还有\(f.unreviewedNominees)名被提名人未对照任职条件审查", en: "\(f.unreviewedNominees) nominees not yet checked against the conditions"))
            }
            out += nomineeCount(f, s)
        case .democraticRecommendation:
            if f.meetingVoteClosed != true {
                out.append(Refusal("BAL-1", zh: f.meetingVoteClosed == nil ? "尚未发起会议推荐投票" : "会议推荐投票尚未结束计票", en: f.meetingVoteClosed == nil ? "the meeting vote has not been set up" : "the meeting vote has not been closed and counted"))
            }
            if f.talkVoteClosed != true {
                out.append(Refusal("BAL-5", zh: f.talkVoteClosed == nil ? "尚未发起谈话推荐" : "谈话推荐尚未结束计票", en: f.talkVoteClosed == nil ? "the talk recommendation has not been set up" : "the talk recommendation has not been closed and counted"))
            }
            if f.talksRecorded == 0 {
                out.append(Refusal("SEL-6", zh: "尚未记录个别谈话", en: "no individual talk has been recorded"))
            }
        case .democraticEvaluation:
            if !f.evaluationClosed { out.append(Refusal("BAL-3", zh: "民主测评尚未结束计票", en: "the democratic evaluation has not been closed and counted")) }
        case .consultation:
            if !f.consultationRecorded { out.append(Refusal("SEL-8", zh: "尚未记录酝酿情况", en: "the consultation has not been recorded")) }
        case .inspection:
            // INS-1: the notice is published for its days before inspection work
            if let day = f.noticePublished {
                let ends = day.adding(days: s.noticeDays)
                if f.today < ends {
                    out.append(Refusal("INS-1", zh: "考察预告公示至\(ends)期满（\(s.noticeDays)天）", en: "the inspection notice runs until \(ends) (\(s.noticeDays) days)"))
                }
            } else {
                out.append(Refusal("INS-1", zh: "尚未发布考察预告", en: "the inspection notice has not been published"))
            }
            out += TeamMember.problems(f.team, minSize: s.minTeamSize)
            let active = f.candidates.filter { !$0.withdrawn }
            if active.isEmpty { out.append(Refusal("INS-3", zh: "没有考察对象", en: "nobody is being inspected")) }
            for c in active {
                if c.talks == 0 { out.append(Refusal("INS-3", zh: "\(c.name)：尚无个别谈话记录", en: "\(c.name): no individual talk recorded")) }
                if !c.materials { out.append(Refusal("INS-6", zh: "\(c.name)：尚未形成考察材料", en: "\(c.name): the inspection record has not been written")) }
            }
            if !active.isEmpty, !f.comparisonWritten {
                out.append(Refusal("INS-6", zh: "尚未形成职位的综合比较分析", en: "the comparative analysis of the position has not been written"))
            }
        case .committeeDecision, .publicity, .appointment, .probation:
            out += DecisionFacts.exit(stage, f.decisions, today: f.today)
        case .registration, .qualificationReview, .writtenExam, .interview, .compositeScore:
            out += CompetitionFacts.exit(stage, f.competition)
        case .directElection:
            if !f.recordedOutcomes.contains(stage) {
                out.append(Refusal(stage == .directElection ? "SEL-5" : "LED-1", zh: "尚未记录“\(stage.title(in: .zhHans))”环节的结果", en: "the outcome of “\(stage.title(in: .en))” has not been recorded"))
            }
        }
        return out
    }

    /// What must hold before a matter may enter `stage`.
    public static func entry(_ stage: StageKind, _ f: StageFacts, _ s: MatterSettings) -> [Refusal] {
        switch stage {
        case .democraticRecommendation:
            return f.consolidated ? nomineeCount(f, s) : []
        case .inspection:
            var out: [Refusal] = []
            let need = s.isCompetitive(.inspection) ? f.posts + 1 : f.posts
            if f.targets.count < need {
                out.append(Refusal("SEL-8", zh: s.isCompetitive(.inspection) ? "差额考察：考察对象应多于职数\(f.posts)（现有\(f.targets.count)名）" : "考察对象应不少于职数\(f.posts)（现有\(f.targets.count)名）",
                                   en: s.isCompetitive(.inspection) ? "competitive inspection: more people than the \(f.posts) posts are needed (\(f.targets.count) chosen)" : "at least \(f.posts) people are needed (\(f.targets.count) chosen)"))
            }
            for t in f.targets where t.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                out.append(Refusal("INS-8", zh: "\(t.name)：未写明确定为考察对象的理由", en: "\(t.name): no reason recorded for inspecting"))
            }
            if s.doubleMajority {
                for t in f.targets where t.doubleMajority == false {
                    out.append(Refusal("BAL-5", zh: "\(t.name)：未达到双过半，不能列为考察对象", en: "\(t.name): no double majority, cannot be inspected"))
                }
            }
            return out
        case .committeeDecision:
            var out: [Refusal] = []
            let active = f.candidates.filter { !$0.withdrawn }
            for c in active {
                for g in Gates.evaluate(c.gates, settings: s) {
                    if case .blocked(let r) = g.state {
                        out.append(Refusal(r.rule, zh: "\(c.name)：\(g.kind.title(in: .zhHans))——\(r.zh)", en: "\(c.name): \(g.kind.title(in: .en)) — \(r.en)"))
                    }
                }
            }
            if active.isEmpty { out.append(Refusal("SEL-10", zh: "没有可提交讨论的人选", en: "no candidate to put to the committee")) }
            return out
        default:
            return []
        }
    }

    static func nomineeCount(_ f: StageFacts, _ s: MatterSettings) -> [Refusal] {
        let competitive = s.isCompetitive(.initialNomination) || s.isCompetitive(.democraticRecommendation)
        let need = competitive ? f.posts + 1 : f.posts
        if f.qualifiedNominees >= need { return [] }
        return [Refusal("SEL-8", zh: competitive ? "差额推荐：符合条件的被提名人应多于职数\(f.posts)（现有\(f.qualifiedNominees)名）" : "符合条件的被提名人应不少于职数\(f.posts)（现有\(f.qualifiedNominees)名）",
                        en: competitive ? "competitive recommendation: more qualified nominees than the \(f.posts) posts are needed (\(f.qualifiedNominees))" : "at least \(f.posts) qualified nominees are needed (\(f.qualifiedNominees))")]
    }

    /// The guard of a stage in words, for the timeline (what it will wait for).
    public static func describe(_ stage: StageKind, in l: Language) -> String {
        let zh = l == .zhHans
        switch stage {
        case .initialNomination: return zh ? "汇总各渠道提名，逐人对照任职条件审查，符合条件人数达到职数（差额时多于职数）" : "consolidate all channels, check every nominee against the conditions, enough qualified nominees (more than the posts when competitive)"
        case .democraticRecommendation: return zh ? "会议推荐和谈话推荐均已计票，记录个别谈话" : "meeting vote and talk recommendation counted, individual talks recorded"
        case .democraticEvaluation: return zh ? "民主测评已计票" : "the evaluation counted"
        case .consultation: return zh ? "记录酝酿情况" : "the consultation recorded"
        case .inspection: return zh ? "确定考察对象并写明理由（双过半），考察预告期满，考察组符合要求，谈话和考察材料齐全" : "people chosen with reasons (double majority), notice period over, team as required, talks and records written"
        case .committeeDecision: return zh ? "会议达到法定人数，逐个职位介绍人选、发表意见、无记名投票表决或决定空缺，会议结束形成纪要（进入本环节前：每名人选通过全部前置关口）" : "a quorate meeting presents each position, hears every opinion, votes by secret ballot or leaves it vacant, and closes with minutes (before: every candidate passes every gate)"
        case .publicity: return zh ? "每名拟任人选任前公示期满，公示期间的举报已查清" : "each appointee's publicity period over, every report received during it resolved"
        case .appointment: return zh ? "任前谈话后任职，任职文件印发，干部档案同步更新" : "the pre-appointment talk held, the appointment made with its document, the registry file updated"
        case .probation: return zh ? "试用期满考核，合格正式任职、基本合格延长六个月、不合格取消试用" : "the assessment at the end: pass, extend six months, or cancel"
        case .registration: return zh ? "在公布的时间内报名（截止时间精确到秒），报名期间公布各职位报名人数" : "registration within the published times (closing to the second), counts per position public while open"
        case .qualificationReview: return zh ? "逐人审查并说明不合格理由，所在单位确认报名表，各职位达到开考比例或经批准调整" : "every applicant reviewed with reasons, forms confirmed by their units, each position at its opening ratio or decided with approval"
        case .interview: return zh ? "每个职位随机抽取考官组，考官逐人评分签名锁定（去掉最高最低分取平均）；无综合成绩环节时按成绩确定人选" : "a panel drawn by lot per position, every judge's score signed and locked (trimmed mean); without a composite stage, the candidates drawn from the scores"
        case .compositeScore: return zh ? "按综合成绩和规定比例确定人选，同分按事先规定比较" : "the candidates drawn by composite at the plan's ratio, ties broken as stated in advance"
        case .writtenExam: return zh ? "密封评卷、分数全部锁定后经监督人员确认拆封，公布入围面试名单和最低分" : "sealed grading, every score locked, the key opened on a supervisor's confirmation, those going on and the lowest score published"
        default: return zh ? "记录本环节结果" : "the stage's outcome recorded"
        }
    }
}
