/// A typed input error: one or more fields with what is wrong with each.
/// The web and CLI layers turn it into a message in the user's language with `message(in:)`.
public struct InvalidInput: Error, Sendable, Equatable {
    public struct Issue: Sendable, Equatable {
        public var field: String
        public var problem: Problem
        public init(field: String, problem: Problem) {
            self.field = field
            self.problem = problem
        }
    }

    public enum Problem: Sendable, Equatable {
        case required
        case tooShort(min: Int)
        case tooLong(max: Int)
        case invalidCharacters(allowed: String)
        case mismatch
        case notFound(String)
        case duplicate(String)
        case notAllowed(String)
        case weakPassword
        /// On the list of common passwords.
        case commonPassword
        case sameAsOld
        case wrongPassword
        case unknownValue(String)
        /// A reason written out by the rule that found it.
        case described(zh: String, en: String)
    }

    public var issues: [Issue]

    public init(_ issues: [Issue]) { self.issues = issues }
    public init(field: String, _ problem: Problem) { self.issues = [Issue(field: field, problem: problem)] }

    public func message(in language: Language) -> String {
        issues.map { $0.message(in: language) }.joined(separator: language == .en ? "; " : "；")
    }
}

extension InvalidInput.Issue {
    public func message(in language: Language) -> String {
        let name = FieldNames.name(of: field, in: language)
        switch (problem, language) {
        case (.required, .zhHans): return "\(name)：必须填写"
        case (.required, .en): return "\(name): required"
        case (.tooShort(let n), .zhHans): return "\(name)：至少\(n)个字符"
        case (.tooShort(let n), .en): return "\(name): at least \(n) characters"
        case (.tooLong(let n), .zhHans): return "\(name)：最多\(n)个字符"
        case (.tooLong(let n), .en): return "\(name): at most \(n) characters"
        case (.invalidCharacters(let a), .zhHans): return "\(name)：只能使用 \(a)"
        case (.invalidCharacters(let a), .en): return "\(name): only \(a) allowed"
        case (.mismatch, .zhHans): return "\(name)：两次输入不一致"
        case (.mismatch, .en): return "\(name): the two entries differ"
        case (.notFound(let v), .zhHans): return "\(name)：找不到“\(v)”"
        case (.notFound(let v), .en): return "\(name): “\(v)” not found"
        case (.duplicate(let v), .zhHans): return "\(name)：“\(v)”已存在"
        case (.duplicate(let v), .en): return "\(name): “\(v)” already exists"
        case (.notAllowed(let v), .zhHans): return "\(name)：不允许（\(v)）"
        case (.notAllowed(let v), .en): return "\(name): not allowed (\(v))"
        case (.weakPassword, .zhHans): return "\(name)：至少10位，且须同时包含字母和数字，不能与用户名相同"
        case (.weakPassword, .en): return "\(name): at least 10 characters with letters and digits, not the user name"
        case (.commonPassword, .zhHans): return "\(name)：过于常见（在常用密码表中），容易被猜中，请另选一个"
        case (.commonPassword, .en): return "\(name): too common (on the list of common passwords), easily guessed; choose another"
        case (.sameAsOld, .zhHans): return "\(name)：新密码不能与原密码相同"
        case (.sameAsOld, .en): return "\(name): must differ from the old password"
        case (.wrongPassword, .zhHans): return "\(name)：密码不正确"
        case (.wrongPassword, .en): return "\(name): wrong password"
        case (.unknownValue(let v), .zhHans): return "\(name)：无效的取值“\(v)”"
        case (.unknownValue(let v), .en): return "\(name): unknown value “\(v)”"
        case (.described(let zh, _), .zhHans): return "\(name)：\(zh)"
        case (.described(_, let en), .en): return "\(name): \(en)"
        }
    }
}

/// Display names of form fields, used in error messages.
public enum FieldNames {
    static let names: [String: (String, String)] = [
        "receipt": ("受理码", "Receipt code"),
        "text": ("举报内容", "Text"),
        "reporterName": ("举报人姓名", "Reporter's name"),
        "reporterPhone": ("举报人电话", "Reporter's phone"),
        "reporterID": ("举报人身份证号", "Reporter's identity number"),
        "attachments": ("附件", "Attachments"),
        "assignees": ("承办人", "Assigned to"),
        "conclusion": ("办理结论", "Conclusion"),
        "feedback": ("反馈意见", "Reply to the reporter"),
        "finding": ("结论", "Finding"),
        "received": ("收到日期", "Received on"),
        "once": ("提交", "Submission"),
        "voters": ("参加人数", "Voters"),
        "cadres": ("新提拔干部", "Newly promoted cadres"),
        "subject": ("对象", "Subject"),
        "case": ("案件", "Case"),
        "step": ("办理步骤", "Step"),
        "accept": ("复核意见", "Review"),
        "username": ("用户名", "User name"),
        "password": ("密码", "Password"),
        "currentPassword": ("原密码", "Current password"),
        "newPassword": ("新密码", "New password"),
        "confirmPassword": ("确认新密码", "Confirm password"),
        "displayName": ("姓名", "Name"),
        "unit": ("单位", "Unit"),
        "parent": ("上级单位", "Parent unit"),
        "code": ("代码", "Code"),
        "name": ("名称", "Name"),
        "kind": ("类别", "Kind"),
        "role": ("角色", "Role"),
        "account": ("账号", "Account"),
        "_csrf": ("表单令牌", "Form token"),
        "title": ("名称", "Title"),
        "candidates": ("候选人", "Candidates"),
        "categories": ("投票人类别", "Voter categories"),
        "members": ("应到人数", "Members"),
        "entitled": ("应参加人数", "Entitled voters"),
        "seats": ("应选人数", "Seats"),
        "threshold": ("通过比例", "Threshold"),
        "quorum": ("到会比例", "Quorum"),
        "answers": ("表决选项", "Answers"),
        "minTurnout": ("最低参加比例", "Minimum turnout"),
        "count": ("数量", "Count"),
        "weight": ("每票计票数", "Ballots per code"),
        "previousRound": ("上一轮", "Previous round"),
        "pairedWith": ("双过半配对表决", "Paired vote for the double majority"),
        "trackingCodes": ("选票追踪码", "Ballot tracking codes"),
        "panelMembers": ("测评组成员", "Panel members"),
        "year": ("年度", "Year"),
        "size": ("人数", "Size"),
        "shares": ("组成比例", "Shares"),
        "category": ("类别", "Category"),
        "session": ("投票", "Ballot session"),
        "form": ("表单", "Form"),
        "ladder": ("职级序列", "Rank ladder"),
        "personName": ("姓名", "Name"),
        "sex": ("性别", "Sex"),
        "birth": ("出生年月", "Birth month"),
        "residentID": ("身份证号", "Identity number"),
        "ethnicity": ("民族", "Ethnicity"),
        "workStart": ("参加工作时间", "Work start"),
        "partyDate": ("入党时间", "Party membership"),
        "rank": ("职级", "Rank"),
        "rankSince": ("任现职级时间", "Rank since"),
        "postSince": ("任现职时间", "Post since"),
        "currentPost": ("现任职务", "Current post"),
        "resume": ("简历", "Résumé"),
        "assessments": ("年度考核结果", "Annual assessments"),
        "file": ("文件", "File"),
        "mapping": ("列对应", "Column mapping"),
        "cadre": ("干部", "Cadre"),
        "referenceDate": ("计算时间", "Reference date"),
        "targetRank": ("拟任职级", "Target rank"),
        "maxAge": ("最高年龄", "Maximum age"),
        "minEducation": ("最低学历", "Minimum education"),
        "minYearsOfWork": ("最少工作年限", "Minimum years of work"),
        "minYearsInGrade": ("最少任现职级年限", "Minimum years in grade"),
        "assessmentYears": ("考核年数", "Assessment years"),
        "reason": ("理由", "Reason"),
        "route": ("入库方式", "Entry route"),
        "entered": ("入库时间", "Entry date"),
        "cycleMonths": ("考察周期（月）", "Review cycle (months)"),
        "family": ("家庭成员", "Family"),
        "disclosure": ("结果公开范围", "Disclosure"),
        "training": ("培训", "Training"),
        "reports": ("个人有关事项报告年度", "Personal-matters report years"),
        "maxGapMonths": ("简历空档（月）", "Résumé gap (months)"),
        // selection matters (SEL, NOM, INS): the plan, stages, nominations and records
        "procedure": ("选拔程序", "Procedure"),
        "stages": ("程序环节", "Stages"),
        "positions": ("职位", "Positions"),
        "position": ("职位", "Position"),
        "post": ("职位名称", "Post"),
        "posts": ("职数", "Number of posts"),
        "resident": ("身份证号码", "Identity number"),
        "closes": ("截止时间", "Closing time"),
        "approval": ("批准文件", "Approval"),
        "admission": ("准考证号", "Admission number"),
        "rooms": ("考场", "Rooms"),
        "prefix": ("准考证号前缀", "Admission prefix"),
        "maxScore": ("满分", "Full marks"),
        "margin": ("双评分差", "Double-grading margin"),
        "applicant": ("报名人", "Applicant"),
        "judges": ("考官", "Judges"),
        "pool": ("考官库", "Judge pool"),
        "seed": ("随机种子", "Seed"),
        "gradeSince": ("任现职级时间", "In rank since"),
        "fullTimeEducation": ("学历", "Education"),
        "phone": ("联系电话", "Phone"),
        "progressionRatio": ("进入面试比例", "Interview ratio"),
        "progressionTop": ("进入面试人数", "Interview top N"),
        "passMark": ("合格线", "Pass mark"),
        "trim": ("去掉最高最低分个数", "Trim"),
        "shortlistRatio": ("考察人选比例", "Shortlist ratio"),
        "writtenWeight": ("笔试权重", "Written weight"),
        "interviewWeight": ("面试权重", "Interview weight"),
        "recommendationWeight": ("民主推荐权重", "Recommendation weight"),
        "tieBreak": ("同分比较顺序", "Tie-break"),
        "sign": ("签名确认", "Signature"),
        "shortlist": ("人选", "Candidates"),
        "scoring": ("计分规则", "Scoring rules"),
        "panel": ("面试考官组", "Interview panel"),
        "progression": ("入围名单", "Progression"),
        "exam": ("笔试", "Written exam"),
        "competitiveStages": ("差额环节", "Competitive stages"),
        "decision": ("决定文号", "Decision reference"),
        "reference": ("文号", "Document reference"),
        "outcome": ("环节结果", "Outcome"),
        "confirm": ("确认", "Confirmation"),
        "matter": ("选任事项", "Selection matter"),
        "person": ("人选", "Person"),
        "nominees": ("被提名人", "Nominees"),
        "recommender": ("推荐人", "Recommender"),
        "channel": ("提名渠道", "Channel"),
        "note": ("备注", "Note"),
        "summary": ("内容摘要", "Summary"),
        "day": ("日期", "Date"),
        "sessions": ("推荐投票", "Recommendation votes"),
        "results": ("推荐结果", "Recommendation results"),
        "leaders": ("领导干部人数", "Leaders"),
        "staff": ("干部职工人数", "Staff"),
        "representatives": ("两代表一委员人数", "Representatives"),
        "talkVoters": ("谈话推荐人数", "People in the talk recommendation"),
        "custodians": ("监票人", "Custodians"),
        "custodianThreshold": ("开箱所需监票人数", "Custodians needed to open"),
        "team": ("考察组", "Inspection team"),
        "notice": ("考察预告", "Inspection notice"),
        "method": ("考察方式", "Method"),
        "contact": ("联系方式", "Contact"),
        "score": ("分数", "Score"),
        "gate": ("前置关口", "Gate"),
        "hold": ("暂停事项", "Hold"),
        "answered": ("回复日期", "Answered on"),
        "scope": ("选拔范围", "Scope"),
        "timetable": ("时间安排", "Timetable"),
        "discipline": ("纪律要求", "Discipline"),
        "talkedTo": ("谈话对象", "Person talked to"),
        "member": ("谈话人", "Team member"),
        "recommended": ("推荐人选", "Recommended"),
        // the inspection page's forms (INS-3…7, REG-3)
        "background": ("来自", "From"),
        "body": ("征求意见单位", "Body asked"),
        "requested": ("征求日期", "Requested on"),
        "due": ("回复期限", "Due"),
        "answer": ("回复意见", "Answer"),
        "attachment": ("附件", "Attachment"),
        "consistent": ("核查结果", "Result of the check"),
        "handling": ("不一致时的处理", "Handling"),
        "scores": ("德能勤绩廉评分", "Scores"),
        "de": ("德", "Morality"), "neng": ("能", "Ability"), "qin": ("勤", "Diligence"), "ji": ("绩", "Achievement"), "lian": ("廉", "Integrity"),
        // pledge campaigns (DIS-3)
        "pledgeText": ("承诺书内容", "Pledge text"), "rules": ("换届纪律要求", "Discipline rules"),
        "deadline": ("签署截止日期", "Deadline"), "signed": ("签署日期", "Signed on"), "campaign": ("承诺书征集", "Pledge campaign"),
    ]
    public static func name(of field: String, in language: Language) -> String {
        // a plan's figures are named by the plan itself (`MatterSettings.fields`)
        guard let pair = names[field] ?? MatterSettings.fields.first(where: { $0.key == field }).map({ ($0.zh, $0.en) }) else { return field }
        return language == .en ? pair.1 : pair.0
    }
}
