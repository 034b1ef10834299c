import Foundation

/// EXM-3: the interview forms a plan uses (结构化面试, 半结构化面试, 演讲答辩, 公文筐测验, 无领导小组讨论), each with its
/// weight in whole percent (the weights sum to 100). Each form is scored by the panel and trimmed on its own; the
/// interview score is the weighted combination of the forms' trimmed means, in exact arithmetic, rounded half up
/// once (as the score sheet rounds a stage score). One form — the default — is the interview as it always was.
public enum InterviewForm: String, Sendable, Equatable, Codable, CaseIterable {
    case structured
    case semiStructured = "semi-structured"
    case speech
    case inBasket = "in-basket"
    case groupDiscussion = "group-discussion"

    public func title(in language: Language) -> String {
        switch (self, language) {
        case (.structured, .zhHans): "结构化面试"
        case (.structured, .en): "structured interview"
        case (.semiStructured, .zhHans): "半结构化面试"
        case (.semiStructured, .en): "semi-structured interview"
        case (.speech, .zhHans): "演讲答辩"
        case (.speech, .en): "speech and defence"
        case (.inBasket, .zhHans): "公文筐测验"
        case (.inBasket, .en): "in-basket exercise"
        case (.groupDiscussion, .zhHans): "无领导小组讨论"
        case (.groupDiscussion, .en): "leaderless group discussion"
        }
    }

    /// The score sheet's stage id of this form when a plan uses several (`interview-structured` …).
    public var stageID: String { "interview-" + rawValue }

    /// The form a sheet stage id names, if any.
    public init?(stageID: String) {
        guard stageID.hasPrefix("interview-") else { return nil }
        self.init(rawValue: String(stageID.dropFirst("interview-".count)))
    }
}

/// One form of the plan's interview with its weight (whole percent).
public struct InterviewFormWeight: Sendable, Equatable, Codable {
    public var form: InterviewForm
    public var weight: Int
    public init(_ form: InterviewForm, _ weight: Int) { self.form = form; self.weight = weight }
}

public enum InterviewForms {
    /// Problems with a plan's forms: at least one, no form twice, each weight 1–100, the weights summing to 100.
    public static func problems(_ forms: [InterviewFormWeight]) -> [InvalidInput.Issue] {
        var out: [InvalidInput.Issue] = []
        func add(_ zh: String, _ en: String) { out.append(.init(field: "forms", problem: .described(zh: zh, en: en))) }
        if forms.isEmpty { add("至少应有一种面试形式", "at least one interview form") }
        if Set(forms.map(\.form)).count != forms.count { add("面试形式不能重复", "a form is listed twice") }
        if forms.contains(where: { $0.weight < 1 || $0.weight > 100 }) { add("每种面试形式的权重应在1至100之间", "each form's weight must be between 1 and 100") }
        if forms.reduce(0, { $0 + $1.weight }) != 100 { add("各面试形式权重之和应为100", "the forms' weights must add up to 100") }
        return out
    }

    /// Reads "structured:60,speech:40" (also ＝/：/， and 、), the form ids or their Chinese names.
    public static func parse(_ text: String) throws(InvalidInput) -> [InterviewFormWeight] {
        var out: [InterviewFormWeight] = []
        for part in text.split(whereSeparator: { ",，、;；\n".contains($0) }) {
            let cells = part.split(whereSeparator: { ":：=＝".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, let w = Int(cells[1]),
                  let f = InterviewForm(rawValue: cells[0]) ?? InterviewForm.allCases.first(where: { $0.title(in: .zhHans) == cells[0] }) else {
                throw InvalidInput(field: "forms", .described(zh: "面试形式应写作“structured:60,speech:40”", en: "write the forms as “structured:60,speech:40”"))
            }
            out.append(InterviewFormWeight(f, w))
        }
        let p = problems(out)
        if !p.isEmpty { throw InvalidInput(p) }
        return out
    }

    /// The forms as written back ("structured:60,speech:40").
    public static func text(_ forms: [InterviewFormWeight]) -> String { forms.map { "\($0.form.rawValue):\($0.weight)" }.joined(separator: ",") }

    /// The interview score from each form's published (rounded) trimmed mean, in ten-thousandths, in the plan's order:
    /// Σ weight × mean / Σ weight, exact, then rounded half up to `decimals` places (default 2). Returns
    /// ten-thousandths.
    public static func combine(_ means: [Int64], weights: [Int], decimals: Int = 2) -> Int64 {
        precondition(means.count == weights.count && !weights.isEmpty)
        let num = zip(means, weights).reduce(Int64(0)) { $0 + $1.0 * Int64($1.1) }
        let den = Int64(weights.reduce(0, +))
        let unit = Int64([10_000, 1_000, 100, 10, 1][max(0, min(4, decimals))])
        // half up on the exact quotient num / (den × unit), in units of 10^-decimals
        let q = num / (den * unit), r = num % (den * unit)
        return (2 * r >= den * unit ? q + 1 : q) * unit
    }
}

/// EXM-7: a position's question set and times. The organizer records the set — a sealed reference and the
/// questions' titles, never shown to candidates before the interview — and the time limits; the same questions for
/// every candidate of the position. Once the first score of the position is entered, the set is locked.
public struct QuestionSet: Sendable, Equatable, Codable {
    /// The sealed set's reference (题本编号/封存号).
    public var reference: String
    /// The questions' titles, in order (not their full text).
    public var titles: [String]
    /// Self-introduction minutes (default 3).
    public var introMinutes: Int
    /// Minutes for answering the questions (default 7 for 2 questions).
    public var answerMinutes: Int
    /// A speech's limit when the plan uses the speech form (default 15).
    public var speechMinutes: Int?
    public var by: String
    public var at: Int64

    public init(reference: String, titles: [String], introMinutes: Int = 3, answerMinutes: Int = 7, speechMinutes: Int? = nil, by: String = "", at: Int64 = 0) {
        self.reference = reference; self.titles = titles; self.introMinutes = introMinutes; self.answerMinutes = answerMinutes
        self.speechMinutes = speechMinutes; self.by = by; self.at = at
    }

    public func problems() -> [InvalidInput.Issue] {
        var out: [InvalidInput.Issue] = []
        if reference.trimmingCharacters(in: .whitespaces).isEmpty { out.append(.init(field: "reference", problem: .required)) }
        if titles.isEmpty { out.append(.init(field: "titles", problem: .required)) }
        if !(0 ... 30).contains(introMinutes) { out.append(.init(field: "introMinutes", problem: .described(zh: "自我介绍时间应在0至30分钟之间", en: "self-introduction between 0 and 30 minutes"))) }
        if !(1 ... 60).contains(answerMinutes) { out.append(.init(field: "answerMinutes", problem: .described(zh: "答题时间应在1至60分钟之间", en: "answering time between 1 and 60 minutes"))) }
        if let s = speechMinutes, !(1 ... 15).contains(s) { out.append(.init(field: "speechMinutes", problem: .described(zh: "演讲时间应在1至15分钟之间", en: "a speech lasts 1 to 15 minutes"))) }
        return out
    }

    /// The limits in words, for the judges' page and the board: "自我介绍3分钟，答题7分钟（2题）；演讲不超过15分钟".
    public func limits(in language: Language) -> String {
        let zh = language == .zhHans
        var s = zh ? "自我介绍\(introMinutes)分钟，答题\(answerMinutes)分钟（\(titles.count)题）" : "self-introduction \(introMinutes) min, answers \(answerMinutes) min (\(titles.count) questions)"
        if let sp = speechMinutes { s += zh ? "；演讲不超过\(sp)分钟" : "; speech at most \(sp) min" }
        return s
    }
}
