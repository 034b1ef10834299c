/// Why a file or a sheet built in memory is not a valid score sheet (exit 2, HTTP 400). `path` is a JSON path such
/// as `$.applicants[3].scores.interview.j2`; the message names it in zh-Hans or English.
public struct ScoreSheetError: UserFacingError, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case emptyInput
        /// JSON syntax: what was expected.
        case syntax(String)
        case unexpectedEnd
        case invalidUTF8
        case tooDeep(Int)
        case trailingData
        case stringTooLong
        case missing
        /// The expected type: object, array, string, number, integer, boolean.
        case wrongType(String)
        case unknownFormat(String)
        case unknownValue(String)
        /// A number or decimal string with more than 4 decimal places.
        case tooManyPlaces
        /// A number too large for exact arithmetic, or a computation with it that would overflow.
        case tooLarge
        case notInteger
        case negative
        case notPositive
        case outOfRange(String, String)
        case emptyID
        case duplicateID(String)
        /// A score above the maximum (of the stage, or of the element).
        case aboveMax(String)
        /// The stage's weights are all 0.
        case noWeight
        /// The elements' maxima sum to this, not to the stage's max.
        case elementsDoNotSum(String, String)
        /// A panel score with fewer judges than `2 × trim + 1`: (judges, needed).
        case tooFewJudges(Int, Int)
        case unknownStage(String)
        case unknownElement(String)
        /// A score for a stage the applicant did not reach.
        case stageNotReached(String)
        /// Both `ratio` and `top`.
        case ratioAndTop
    }

    public var path: String
    public var problem: Problem

    public init(_ path: String, _ problem: Problem) { self.path = path; self.problem = problem }

    public var kind: ErrorKind { .badInput }
    public var description: String { message(in: .en) }

    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        let what: String
        switch problem {
        case .emptyInput: what = zh ? "文件为空" : "the file is empty"
        case .syntax(let e): what = zh ? "JSON 语法错误，此处应为\(e)" : "JSON syntax error: expected \(e)"
        case .unexpectedEnd: what = zh ? "文件意外结束（不完整）" : "unexpected end of file (truncated)"
        case .invalidUTF8: what = zh ? "不是有效的 UTF-8 文本" : "invalid UTF-8"
        case .tooDeep(let n): what = zh ? "嵌套层数超过 \(n)" : "nesting deeper than \(n)"
        case .trailingData: what = zh ? "JSON 结束后还有多余内容" : "extra data after the JSON document"
        case .stringTooLong: what = zh ? "字符串过长" : "string too long"
        case .missing: what = zh ? "缺少必需字段" : "required field missing"
        case .wrongType(let t): what = zh ? "类型错误，应为\(BallotBoxError.typeZH(t))" : "wrong type, expected \(t)"
        case .unknownFormat(let f): what = zh ? "未知格式“\(f)”，应为 \(ScoreSheet.format)" : "unknown format “\(f)”, expected \(ScoreSheet.format)"
        case .unknownValue(let v): what = zh ? "无效的取值“\(v)”" : "unknown value “\(v)”"
        case .tooManyPlaces: what = zh ? "最多4位小数" : "at most 4 decimal places"
        case .tooLarge: what = zh ? "数值过大" : "number too large"
        case .notInteger: what = zh ? "应为整数" : "must be an integer"
        case .negative: what = zh ? "不能为负数" : "must not be negative"
        case .notPositive: what = zh ? "应为正数" : "must be positive"
        case .outOfRange(let lo, let hi): what = zh ? "应在 \(lo) 到 \(hi) 之间" : "must lie between \(lo) and \(hi)"
        case .emptyID: what = zh ? "编号不能为空" : "id must not be empty"
        case .duplicateID(let id): what = zh ? "编号“\(id)”重复" : "duplicate id “\(id)”"
        case .aboveMax(let m): what = zh ? "分数超过满分 \(m)" : "score above the maximum \(m)"
        case .noWeight: what = zh ? "各环节权重不能全为 0" : "at least one stage weight must be above 0"
        case .elementsDoNotSum(let s, let m): what = zh ? "各要素满分之和为 \(s)，应等于环节满分 \(m)" : "the elements' maxima sum to \(s), not to the stage's max \(m)"
        case .tooFewJudges(let n, let k): what = zh ? "评委只有 \(n) 人，去掉最高最低分后至少需要 \(k) 人" : "\(n) judge scores, at least \(k) needed for the trim"
        case .unknownStage(let s): what = zh ? "没有编号为“\(s)”的环节" : "no stage with id “\(s)”"
        case .unknownElement(let e): what = zh ? "没有编号为“\(e)”的评分要素" : "no element with id “\(e)”"
        case .stageNotReached(let s): what = zh ? "该考生未进入环节“\(s)”，不应有此成绩" : "the applicant did not advance to stage “\(s)”: no score may be given"
        case .ratioAndTop: what = zh ? "ratio 与 top 只能选其一" : "ratio and top together (give one)"
        }
        return zh ? "无效的成绩表：\(path)：\(what)" : "not a valid score sheet: \(path): \(what)"
    }

    /// The scanner's syntax errors, under this sheet's name.
    init(_ e: BallotBoxError) {
        let p: Problem
        switch e.problem {
        case .emptyInput: p = .emptyInput
        case .syntax(let s): p = .syntax(s)
        case .unexpectedEnd: p = .unexpectedEnd
        case .invalidUTF8: p = .invalidUTF8
        case .tooDeep(let n): p = .tooDeep(n)
        case .trailingData: p = .trailingData
        case .wrongType(let t): p = .wrongType(t)
        case .stringTooLong: p = .stringTooLong
        case .tooLarge: p = .tooLarge
        case .missing: p = .missing
        default: p = .syntax(e.message(in: .en))
        }
        self.init(e.path, p)
    }
}
