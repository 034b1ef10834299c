import Foundation
import SelectionCore

/// A ledger action that says what it records in words (LED-1: every step leaves a record a person can read). Every
/// area's action enum adopts it, with a zh-Hans and an English title for each case.
public protocol DescribedLedgerAction: LedgerAction, CaseIterable {
    /// What the entry records, in words: `提名` / `nominated`.
    func title(in language: Language) -> String
}

extension DescribedLedgerAction {
    /// Every case with its stored string (what `LedgerCatalog` indexes).
    public static var described: [(raw: String, action: any DescribedLedgerAction)] { allCases.map { ($0.rawValue, $0) } }
}

/// Ledger entries in words (LED-1, LED-3): a stored action string to its title, a payload key to its label, a payload
/// value to a line of text. Built from every area's action enum; an action or key it does not know shows as stored.
public enum LedgerCatalog {
    /// Every area's actions. A new area's enum is one more element here.
    public static let areas: [any DescribedLedgerAction.Type] = [
        AccountLedgerAction.self,
        UnitLedgerAction.self,
        BallotLedgerAction.self,
        RegistryLedgerAction.self,
        LedgerLedgerAction.self,
        MatterLedgerAction.self,
        DecisionLedgerAction.self,
        CompetitionLedgerAction.self,
        SupervisionLedgerAction.self,
        CheckLedgerAction.self,
        PledgeLedgerAction.self,
    ]

    static let byRaw: [String: any DescribedLedgerAction] = {
        var out: [String: any DescribedLedgerAction] = [:]
        for area in areas { for (raw, action) in area.described { out[raw] = action } }
        return out
    }()

    /// Every stored action string the catalog knows.
    public static var actions: [String] { areas.flatMap { $0.described.map(\.raw) } }

    /// The action in words; an unknown action (written by a later version, or by a test) as stored.
    public static func title(of action: String, in language: Language) -> String {
        byRaw[action]?.title(in: language) ?? action
    }

    /// The label of a payload key; an unknown key as stored.
    public static func label(of key: String, in language: Language) -> String {
        guard let pair = keyLabels[key] else { return key }
        return language == .zhHans ? pair.zh : pair.en
    }

    /// Payload keys in words. Keys ending in `_hmac` or `_sha256` hold a digest of text kept elsewhere (never the text).
    static let keyLabels: [String: (zh: String, en: String)] = [
        // selection matters
        "person": ("人选", "person"), "cadre": ("干部档案", "cadre file"), "position": ("职位", "position"),
        "channel": ("提名渠道", "channel"), "recommender_hmac": ("推荐人（摘要）", "recommender (digest)"),
        "flagged": ("渠道外提名（NOM-3）", "outside the channels (NOM-3)"), "qualified": ("符合任职条件", "qualified"),
        "nominees": ("被提名人数", "nominees"), "note_hmac": ("说明（摘要）", "note (digest)"), "note": ("记录", "record"),
        "meeting": ("会议推荐", "meeting vote"), "talk": ("谈话推荐", "talk recommendation"), "evaluation": ("民主测评", "democratic evaluation"),
        "reason_hmac": ("理由（摘要）", "reason (digest)"), "members": ("人数", "members"), "accounts": ("账号", "accounts"),
        "ends": ("截止日期", "ends"), "persons": ("考察对象人数", "persons"), "kind": ("类别", "kind"),
        "hmac": ("内容（摘要）", "content (digest)"), "negative": ("有否定意见", "negative"), "gate": ("关口", "gate"),
        "reference_hmac": ("文号（摘要）", "reference (digest)"), "scores": ("评分项数", "items scored"), "hold": ("暂停事项序号", "hold no."),
        "decision_hmac": ("决定（摘要）", "decision (digest)"), "decision": ("决定文号", "decision"),
        "plan_sha256": ("方案（SHA-256）", "plan (SHA-256)"), "unit": ("单位", "unit"), "procedure": ("选拔程序", "procedure"),
        "day": ("日期", "day"), "from": ("原环节", "from"), "to": ("进入环节", "to"), "stage": ("环节", "stage"),
        "outcome_hmac": ("结果（摘要）", "outcome (digest)"), "sha256": ("SHA-256", "SHA-256"),
        // competitive stages (SCR-1, SEL-3, SEL-4)
        "score": ("分数（万分之一分）", "score (ten-thousandths)"), "reference": ("评分依据（文号）", "reference"),
        // the committee, publicity and probation
        "committee_meeting": ("讨论决定会议", "committee meeting"), "item": ("议题（职位）", "item (position)"), "member": ("委员会成员", "committee member"),
        "opinion": ("意见", "opinion"), "words_hmac": ("意见内容（摘要）", "words (digest)"), "present": ("到会", "present"),
        "present_count": ("到会人数", "members present"), "quorum_reached": ("达到法定人数", "quorate"), "quorum": ("法定人数比例", "quorum"),
        "approval": ("通过比例（全体成员）", "approval (all members)"), "items": ("议题", "items"), "title_hmac": ("会议名称（摘要）", "title (digest)"),
        "round": ("表决轮次", "round"), "session": ("投票", "ballot session"), "source": ("表决方式", "how voted"), "counts": ("票数", "counts"),
        "chosen": ("通过人选", "chosen"), "tied": ("票数相同", "tied"), "seats": ("职数", "posts"), "minutes_sha256": ("会议纪要（SHA-256）", "minutes (SHA-256)"),
        "decided": ("决定人选", "decided"), "deferred": ("缓议议题", "deferred"), "published": ("公示发布日期", "published"),
        "length": ("公示天数", "length"), "received": ("收到日期", "received"), "summary_hmac": ("举报内容（摘要）", "report (digest)"),
        "report": ("举报编号", "report"), "form": ("谈话形式", "form"), "officials": ("谈话人数", "officials"),
        "document_hmac": ("任职文件文号（摘要）", "document (digest)"), "start": ("试用期开始", "probation starts"), "months": ("试用期（月）", "months"),
        "outcome": ("考核结论", "outcome"), "report_hmac": ("述职报告（摘要）", "staff-meeting report (digest)"), "name_hmac": ("姓名（摘要）", "name (digest)"),
        "replaced": ("替换已有年份", "replaced"),
        // reports and cases
        "case": ("案件编号", "case"), "digests": ("举报内容（密钥摘要）", "reports (keyed digests)"), "assignees": ("承办人", "assignees"),
        "verdict": ("办理结论", "finding"), "matter": ("选拔任用事项", "matter"), "anonymous": ("匿名", "anonymous"),
        // supervision checks
        "period_from": ("检查期间起", "period from"), "period_to": ("检查期间止", "period to"), "secretary_hmac": ("离任书记（摘要）", "departing secretary (digest)"),
        "seed": ("随机种子", "seed"), "files": ("新提拔干部档案数", "files"), "drawn": ("随机抽取数", "drawn by lot"), "mandatory": ("必查档案数", "mandatory files"),
        "sampled": ("抽查档案数", "files in the sample"), "list_sha256": ("档案名单（SHA-256）", "list of files (SHA-256)"),
        "sample_sha256": ("抽查名单（SHA-256）", "sample (SHA-256)"), "file": ("档案", "file"), "problems": ("有问题项数", "items with a problem"),
        "question": ("问题", "question"), "found": ("发现问题", "problem found"), "finding_id": ("检查发现的问题", "finding"), "rule": ("规则", "rule"),
        "problem_hmac": ("存在的问题（摘要）", "problem (digest)"), "requirement_hmac": ("整改要求（摘要）", "requirement (digest)"),
        "accountability_hmac": ("责任追究建议（摘要）", "accountability proposal (digest)"), "deadline": ("期限", "deadline"),
        "findings": ("问题数", "findings"), "done": ("报告整改完成", "reported done"), "accepted": ("通过（复核或验收）", "accepted"),
        "progress_hmac": ("整改情况（摘要）", "progress (digest)"), "closing_hmac": ("办结说明（摘要）", "closing summary (digest)"),
        // pledge campaigns (DIS-3)
        "campaign": ("承诺书征集", "pledge campaign"), "eligible": ("应签人数", "cadres to sign"),
        "signed": ("签署日期", "signed on"), "outstanding": ("未签人数", "not signed"), "rules_sha256": ("换届纪律要求（SHA-256）", "discipline rules (SHA-256)"),
        "text_sha256": ("承诺书内容（SHA-256）", "pledge text (SHA-256)"),
        // ballots
        "title": ("名称", "title"), "template_sha256": ("选票模板（SHA-256）", "ballot template (SHA-256)"), "disclosure": ("公开范围", "disclosure"),
        "previousRound": ("上一轮", "previous round"), "pairedWith": ("双过半配对表决", "paired vote"), "trackingCodes": ("选票追踪码", "tracking codes"),
        "sealPublicKey": ("密封公钥", "sealing public key"), "custodians": ("监票人", "custodians"),
        "custodianThreshold": ("开箱所需监票人数", "custodians needed to open"), "padLength": ("填充长度", "padded length"),
        "category": ("投票人类别", "voter category"), "count": ("数量", "count"), "weight": ("每码计票数", "ballots per code"),
        "box_sha256": ("票箱（SHA-256）", "ballot box (SHA-256)"), "cast": ("投票数", "ballots cast"), "sheet": ("选票编号", "sheet"),
        "sheets": ("张数", "sheets"), "clerk": ("录入人", "clerk"), "clerks": ("录入人", "clerks"), "names_sha256": ("名单（SHA-256）", "names (SHA-256)"),
        "name": ("名称", "name"), "year": ("年度", "year"),
        // the registry
        "changed": ("变更部分", "parts changed"), "created": ("新建", "created"), "merged": ("合并", "merged"), "finding": ("审核问题", "finding"),
        "reason_sha256": ("理由（SHA-256）", "reason (SHA-256)"), "route": ("入库方式", "entry route"), "entered": ("入库日期", "entered"),
        "cycleMonths": ("考察周期（月）", "review cycle (months)"), "reviewed": ("考察日期", "reviewed"), "exited": ("退出日期", "left"),
        "conditions": ("任职条件", "conditions"), "ranks": ("职级数", "ranks"),
        // competitive selection: interview panels, forms and questions (EXM-3, EXM-4, EXM-7)
        "judge": ("面试考官", "judge"), "judges": ("面试考官", "judges"), "pool": ("考官库人数", "judges in the pool"),
        "candidates": ("考生人数", "candidates"), "recused": ("抽签前回避的考官", "judges recused before the draw"),
        "pool_sha256": ("考官库文件（SHA-256）", "pool file (SHA-256)"), "replacement": ("替补考官", "replacement"),
        "questions": ("题目数", "questions"), "questions_sha256": ("题本（SHA-256）", "question set (SHA-256)"),
        "limits": ("时间（自我介绍+答题/演讲，分钟）", "times (introduction+answers/speech, minutes)"),
        // accounts and the ledger
        "displayName": ("姓名", "name"), "mustChangePassword": ("须修改密码", "must change password"), "role": ("角色", "role"),
        "mustChange": ("须修改密码", "must change password"), "otherSessionsEnded": ("其他登录已退出", "other sessions ended"),
        "failures": ("失败次数", "failures"), "applicant": ("报名人", "applicant"), "account": ("报名人账号", "applicant account"),
        "internal": ("档案内人员", "on the registry"), "lockedUntil": ("锁定至", "locked until"), "reason": ("原因", "reason"), "since": ("起始序号", "since seq"),
    ]

    /// Whether a payload key holds a digest (a `*_hmac` of text the server keeps, or a `*_sha256`).
    public static func isDigest(_ key: String) -> Bool { key == "hmac" || key == "sha256" || key.hasSuffix("_hmac") || key.hasSuffix("_sha256") }

    /// One payload value as a short line: a digest or a key shortened to 12 hex digits (the whole is in the entry), a yes/no
    /// in words, a list joined, nothing as a dash.
    public static func text(of value: LedgerValue, key: String, in language: Language) -> String {
        let zh = language == .zhHans
        switch value {
        case .string(let s):
            // a digest or a key: its first 12 hex digits say which (the whole is in the entry)
            if (isDigest(key) && s.count > 16 || s.count >= 40), s.allSatisfy(\.isHexDigit) { return String(s.prefix(12)) + "…" }
            return s.isEmpty ? "—" : s
        case .int(let n): return String(n)
        case .bool(let b): return b ? (zh ? "是" : "yes") : (zh ? "否" : "no")
        case .null: return "—"
        case .array(let a): return a.isEmpty ? "—" : a.map { text(of: $0, key: key, in: language) }.joined(separator: zh ? "、" : ", ")
        case .object(let o):
            return o.keys.sorted().map { label(of: $0, in: language) + (zh ? "：" : ": ") + text(of: o[$0]!, key: $0, in: language) }
                .joined(separator: zh ? "；" : "; ")
        }
    }

    /// A stored payload (canonical JSON) as its keys in order with their values; nothing when it is not an object.
    public static func payload(_ json: String) -> [(key: String, value: LedgerValue)] {
        guard let object = try? JSONDecoder().decode([String: LedgerValue].self, from: Data(json.utf8)) else { return [] }
        return object.keys.sorted().map { ($0, object[$0]!) }
    }
}
