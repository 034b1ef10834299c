import Foundation
import SelectionCore
import XuanrenStore

/// Words the matter pages share: a position's conditions (ELG-1), times on the Asia/Shanghai calendar.
enum MatterText {
    /// A position's conditions in words, in the reader's language (the plan as published says the same in Chinese).
    static func conditions(_ c: PositionConditions, _ l: Language) -> String {
        if l == .zhHans { return Store.conditionsText(c) }
        var parts: [String] = []
        if let a = c.maxAge { parts.append("aged \(a) or under") }
        if let e = c.minEducation { parts.append((c.fullTimeEducationRequired ? "full-time " : "") + "\(e.title(in: .en)) or above") }
        if let w = c.minYearsOfWork { parts.append("\(w) years of work or more") }
        if let g = c.minYearsInGrade { parts.append("\(g) years in the current grade or more") }
        if let y = c.assessmentYears { parts.append("annual assessments of the last \(y) years \(c.minAssessment.title(in: .en)) or better") }
        if c.partyMemberRequired { parts.append("party member") }
        return parts.isEmpty ? "the basic conditions of the regulations on selecting and appointing leading cadres" : parts.joined(separator: ", ")
    }

    /// Conditions the software does not decide (ELG-2 titles, fields, establishments; the ones checked by hand).
    static func extraConditions(_ c: PositionConditions, _ l: Language) -> [String] {
        let zh = l == .zhHans
        var out: [String] = []
        if !c.titles.isEmpty { out.append((zh ? "专业技术职务：" : "Professional title: ") + c.titles.joined(separator: zh ? "、" : ", ")) }
        if !c.fields.isEmpty { out.append((zh ? "所学专业：" : "Field of study: ") + c.fields.joined(separator: zh ? "、" : ", ")) }
        if !c.establishments.isEmpty { out.append((zh ? "编制类型：" : "Establishment: ") + c.establishments.joined(separator: zh ? "、" : ", ")) }
        if c.crossGradeRule { out.append(zh ? "越级规则（ELG-3）" : "cross-grade rule (ELG-3)") }
        if c.basicBlocksPromotion { out.append(zh ? "基本称职一年内不得晋升（ELG-5）" : "基本称职 blocks promotion for a year (ELG-5)") }
        out += c.manual.map { (zh ? "人工核对：" : "Checked by hand: ") + $0 }
        return out
    }

    /// `text（note）` in Chinese, `text (note)` in English.
    static func bracket(_ text: String, _ note: String, _ l: Language) -> String { l == .zhHans ? "\(text)（\(note)）" : "\(text) (\(note))" }
    /// `label：value` in Chinese, `label: value` in English.
    static func colon(_ label: String, _ value: String, _ l: Language) -> String { l == .zhHans ? "\(label)：\(value)" : "\(label): \(value)" }

    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// `2026-05-08 14:03`, on the Asia/Shanghai calendar.
    static func time(_ epochSeconds: Int64) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = shanghai
        let d = cal.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(epochSeconds)))
        return String(format: "%04d-%02d-%02d %02d:%02d", d.year ?? 0, d.month ?? 0, d.day ?? 0, d.hour ?? 0, d.minute ?? 0)
    }

    static func day(_ epochSeconds: Int64) -> String { CivilDay(epochSeconds: epochSeconds).description }

    /// The rank names of the ladder at a grade (a position's rank as the plan stores it).
    static func rank(_ grade: Int, ladder: RankLadder) -> String {
        ladder.ranks.first { $0.level == grade && $0.track == .leadership }?.name ?? ladder.ranks.first { $0.level == grade }?.name ?? "\(grade)"
    }
}
