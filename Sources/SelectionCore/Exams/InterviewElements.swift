/// EXM-6: element scoring of an interview (面谈评分要素). The seed (002 篇7, 县委常委面谈) scores eight elements —
/// 语言表达能力、综合分析能力、敏捷思辨能力、情绪控制能力、组织协调能力、举止仪表表现、人际交往技巧、职位匹配程度 — with a
/// total of 140 points, and a rating panel (评议小组) gives 优秀/良好/一般/较差 for reference.
///
/// The seed names the total only, not each element's maximum. The defaults below (20, 20, 20, 15, 20, 10, 15, 20) are
/// ours: 20 for the five abilities and the fit with the position, less for bearing, emotional control and interpersonal
/// skill, as structured-interview score forms commonly weight them. A plan may set its own; they must sum to the total.
public struct InterviewElement: Sendable, Equatable, Codable {
    /// The id used in score sheets (`elements[].id` of `xuanren.scores/1`).
    public var id: String
    public var zh: String
    public var en: String
    /// Full marks of the element, in points.
    public var max: Int

    public init(id: String, zh: String, en: String, max: Int) { self.id = id; self.zh = zh; self.en = en; self.max = max }

    public func name(in language: Language) -> String { language == .zhHans ? zh : en }
}

public struct InterviewElements: Sendable, Equatable {
    /// Element scores are integers scaled by 10⁴ (4 decimal places, as in the score sheet).
    public static let scale = 10_000

    public var elements: [InterviewElement]
    /// The total the maxima must sum to (140 in the seed).
    public var total: Int

    public init(elements: [InterviewElement], total: Int) { self.elements = elements; self.total = total }

    public static let seedDefault = InterviewElements(elements: [
        InterviewElement(id: "language", zh: "语言表达能力", en: "language expression", max: 20),
        InterviewElement(id: "analysis", zh: "综合分析能力", en: "comprehensive analysis", max: 20),
        InterviewElement(id: "thinking", zh: "敏捷思辨能力（应变能力）", en: "quick thinking", max: 20),
        InterviewElement(id: "emotion", zh: "情绪控制能力", en: "emotional control", max: 15),
        InterviewElement(id: "coordination", zh: "组织协调能力", en: "organization and coordination", max: 20),
        InterviewElement(id: "bearing", zh: "举止仪表表现", en: "bearing", max: 10),
        InterviewElement(id: "interpersonal", zh: "人际交往技巧", en: "interpersonal skill", max: 15),
        InterviewElement(id: "fit", zh: "职位匹配程度", en: "fit with the position", max: 20),
    ], total: 140)

    /// Problems with the elements themselves: ids non-empty and unique, names given, maxima positive, summing to `total`.
    public func problems() -> [InvalidInput.Issue] {
        var out: [InvalidInput.Issue] = []
        if elements.isEmpty { out.append(.init(field: "elements", problem: .required)) }
        var seen = Set<String>()
        for (i, e) in elements.enumerated() {
            if e.id.isEmpty { out.append(.init(field: "elements[\(i)].id", problem: .required)) }
            else if !seen.insert(e.id).inserted { out.append(.init(field: "elements[\(i)].id", problem: .duplicate(e.id))) }
            if e.zh.isEmpty && e.en.isEmpty { out.append(.init(field: "elements[\(i)].name", problem: .required)) }
            if e.max <= 0 { out.append(.init(field: "elements[\(i)].max", problem: .notAllowed("\(e.max)"))) }
        }
        let sum = elements.reduce(0) { $0 + $1.max }
        if sum != total {
            out.append(.init(field: "elements", problem: .described(zh: "各要素满分之和为\(sum)分，应为\(total)分",
                                                                  en: "the elements' maxima sum to \(sum), not \(total)")))
        }
        return out
    }

    /// One judge's element scores (scaled by 10⁴) checked and summed: every element scored once, none unknown, each
    /// within 0…max. Returns the judge's score, scaled by 10⁴.
    public func total(of scores: [String: Int], field: String = "scores") throws(InvalidInput) -> Int {
        var issues: [InvalidInput.Issue] = []
        let known = Set(elements.map(\.id))
        for id in scores.keys.sorted() where !known.contains(id) { issues.append(.init(field: "\(field).\(id)", problem: .unknownValue(id))) }
        var sum = 0
        for e in elements {
            guard let s = scores[e.id] else { issues.append(.init(field: "\(field).\(e.id)", problem: .required)); continue }
            if s < 0 || s > e.max * Self.scale {
                issues.append(.init(field: "\(field).\(e.id)", problem: .described(zh: "应在0至\(e.max)分之间", en: "must be between 0 and \(e.max)")))
            }
            sum += s
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
        return sum
    }
}

/// The rating panel's words (评议等次), for reference only: they never enter a score.
public enum InterviewRating: String, Sendable, CaseIterable, Codable {
    case excellent, good, fair, poor

    public func word(in language: Language) -> String {
        switch (self, language) {
        case (.excellent, .zhHans): "优秀"
        case (.excellent, .en): "excellent"
        case (.good, .zhHans): "良好"
        case (.good, .en): "good"
        case (.fair, .zhHans): "一般"
        case (.fair, .en): "fair"
        case (.poor, .zhHans): "较差"
        case (.poor, .en): "poor"
        }
    }

    /// Reads a rating written as its id or its word in either language.
    public init?(word: String) {
        guard let r = Self.allCases.first(where: { $0.rawValue == word || $0.word(in: .zhHans) == word || $0.word(in: .en) == word }) else { return nil }
        self = r
    }

    /// How many raters gave each rating, in the order 优秀, 良好, 一般, 较差 (every rating listed, zeros included).
    public static func tally(_ ratings: [InterviewRating]) -> [(InterviewRating, Int)] {
        allCases.map { r in (r, ratings.filter { $0 == r }.count) }
    }
}
