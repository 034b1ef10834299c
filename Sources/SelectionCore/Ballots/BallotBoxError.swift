/// Why a file is not a valid ballot box (exit 2). `path` is a JSON path such as `$.ballots[17].ranking[2]`.
public struct BallotBoxError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case emptyInput
        case syntax(String)            // what was expected
        case unexpectedEnd
        case invalidUTF8
        case tooDeep(Int)
        case trailingData
        case missing                   // required field missing
        case wrongType(String)         // expected type
        case unknownFormat(String)
        case unknownKind(String)
        case weightsDoNotSumToOne(String)
        case duplicateCandidate(String)
        case negative
        case tooLarge
        case notInteger
        case fractionFormat
        case fractionRange
        case unknownCategory(String)
        case duplicateCategory(String)
        case duplicateItem(String)
        case maxChoicesTooLarge(Int)
        case notPositive
        case stringTooLong
        case emptyID
        case reservedTier(String)
        case unknownAnswerSet(String)  // BAL-7: `answers` other than "approval" or "satisfaction"
    }

    public var path: String
    public var problem: Problem

    public init(_ path: String, _ problem: Problem) { self.path = path; self.problem = problem }

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
        case .missing: what = zh ? "缺少必需字段" : "required field missing"
        case .wrongType(let t): what = zh ? "类型错误，应为\(Self.typeZH(t))" : "wrong type, expected \(t)"
        case .unknownFormat(let f): what = zh ? "未知格式“\(f)”，应为 xuanren.ballot-box/1" : "unknown format “\(f)”, expected xuanren.ballot-box/1"
        case .unknownKind(let k): what = zh ? "未知票型“\(k)”" : "unknown kind “\(k)”"
        case .weightsDoNotSumToOne(let s): what = zh ? "权重之和为 \(s)，应为 1" : "weights sum to \(s), not 1"
        case .duplicateCandidate(let id): what = zh ? "候选人编号“\(id)”重复" : "duplicate candidate id “\(id)”"
        case .negative: what = zh ? "不能为负数" : "must not be negative"
        case .tooLarge: what = zh ? "数值过大" : "number too large"
        case .notInteger: what = zh ? "应为整数" : "must be an integer"
        case .fractionFormat: what = zh ? "比例应写为最多6位小数或 {\"num\",\"den\"}" : "a fraction must be a decimal with at most 6 places or {\"num\", \"den\"}"
        case .fractionRange: what = zh ? "比例应在 0 到 1 之间" : "a fraction must lie between 0 and 1"
        case .unknownCategory(let c): what = zh ? "未定义的选票类别“\(c)”" : "unknown category “\(c)”"
        case .duplicateCategory(let c): what = zh ? "类别“\(c)”重复" : "duplicate category “\(c)”"
        case .duplicateItem(let c): what = zh ? "测评项目“\(c)”重复" : "duplicate item “\(c)”"
        case .maxChoicesTooLarge(let n): what = zh ? "maxChoices 不能大于 rankPoints 的长度 \(n)" : "maxChoices larger than the \(n) rank points"
        case .notPositive: what = zh ? "应为正数" : "must be positive"
        case .stringTooLong: what = zh ? "字符串过长" : "string too long"
        case .emptyID: what = zh ? "编号不能为空" : "id must not be empty"
        case .reservedTier(let t): what = zh ? "档次“\(t)”重复" : "duplicate tier “\(t)”"
        case .unknownAnswerSet(let a): what = zh ? "未知的选项“\(a)”，应为 approval 或 satisfaction" : "unknown answers “\(a)”, expected \"approval\" or \"satisfaction\""
        }
        return zh ? "无效的票箱文件：\(path)：\(what)" : "not a valid ballot box: \(path): \(what)"
    }

    static func typeZH(_ t: String) -> String {
        switch t {
        case "object": "对象"
        case "array": "数组"
        case "string": "字符串"
        case "number": "数字"
        case "integer": "整数"
        case "boolean": "布尔值"
        case "fraction": "比例"
        default: t
        }
    }
}
