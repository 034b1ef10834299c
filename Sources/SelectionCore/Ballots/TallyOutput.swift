/// The `xuanren.tally/1` JSON and the readable counting-meeting table (唱票结果).
extension TallyResult {
    public func json() -> String {
        var w = JSONWriter()
        w.open("{")
        w.key("format"); w.string("xuanren.tally/1")
        w.key("kind"); w.string(kind.rawValue)
        if case .satisfaction = rows { w.key("answers"); w.string(BallotSettings.Approval.AnswerSet.satisfaction.rawValue) }
        w.key("void"); w.bool(isVoid)
        w.key("voidReason"); if let v = voidReason { w.string(v.rawValue) } else { w.null() }
        w.key("results")
        w.open("[")
        switch rows {
        case .recommendation(let rs, _):
            for r in rs {
                w.element(); w.open("{")
                w.key("candidate"); w.string(r.candidate)
                w.key("score"); w.number(r.score)
                w.key("rank"); w.int(r.rank)
                w.key("firsts"); w.int(r.firsts)
                w.key("mentions"); w.int(r.mentions)
                w.key("byCategory"); w.open("{")
                for (c, m) in r.byCategory { w.key(c); w.number(m) }
                w.close("}")
                w.close("}")
            }
        case .approval(let rs):
            for r in rs {
                w.element(); w.open("{")
                w.key("candidate"); w.string(r.candidate)
                w.key("yes"); w.int(r.yes); w.key("no"); w.int(r.no); w.key("abstain"); w.int(r.abstain)
                w.key("passed"); w.bool(r.passed)
                w.close("}")
            }
        case .satisfaction(let rs):
            for r in rs {
                w.element(); w.open("{")
                w.key("candidate"); w.string(r.candidate)
                w.key("satisfied"); w.int(r.satisfied); w.key("basic"); w.int(r.basic)
                w.key("dissatisfied"); w.int(r.dissatisfied); w.key("unknown"); w.int(r.unknown)
                w.key("satisfaction"); w.number(r.satisfaction)
                w.key("dissatisfiedShare"); w.number(r.dissatisfiedShare)
                w.key("admonish"); w.bool(r.admonish)
                w.key("demote"); w.bool(r.demote)
                w.close("}")
            }
        case .evaluation(let rs):
            for r in rs {
                w.element(); w.open("{")
                w.key("candidate"); w.string(r.candidate)
                w.key("score"); w.number(r.score)
                w.key("rank"); w.int(r.rank)
                w.key("items"); w.open("{")
                for (i, m) in r.items { w.key(i); w.number(m) }
                w.close("}")
                w.key("overall"); w.open("{")
                w.key("excellent"); w.int(r.excellent); w.key("competent"); w.int(r.competent)
                w.key("basic"); w.int(r.basic); w.key("incompetent"); w.int(r.incompetent)
                w.close("}")
                w.key("consent"); w.number(r.consent)
                w.key("vetoed"); w.bool(r.vetoed)
                w.key("demotionReview"); w.bool(r.demotionReview)
                w.close("}")
            }
        case .election(let rs, _):
            for r in rs {
                w.element(); w.open("{")
                w.key("candidate"); w.string(r.candidate)
                w.key("votes"); w.int(r.votes)
                w.key("rank"); w.int(r.rank)
                w.key("elected"); w.bool(r.elected)
                w.close("}")
            }
        }
        w.close("]")
        if case .recommendation(_, let empty) = rows {
            w.key("emptyCategories"); w.open("[")
            for c in empty { w.element(); w.string(c) }
            w.close("]")
        }
        if case .election(_, let tie) = rows { w.key("tieAtBoundary"); w.bool(tie) }
        w.key("ballots"); w.open("{")
        w.key("cast"); w.int(cast); w.key("valid"); w.int(valid); w.key("invalid"); w.int(invalid.count)
        w.close("}")
        w.key("invalid"); w.open("[")
        for b in invalid {
            w.element(); w.open("{")
            w.key("index"); w.int(b.index); w.key("reason"); w.string(b.reason.rawValue)
            w.close("}")
        }
        w.close("]")
        w.close("}")
        return w.out + "\n"
    }

    /// The counting-meeting summary as data: heading lines, a table (first row = header), notes, invalid ballots.
    public struct Grid: Sendable, Equatable {
        public var heading: [String]
        public var verdict: String
        public var table: [[String]]
        public var notes: [String]
        public var invalidLines: [String]
    }

    /// `showIDs`: the candidate's id after the name (王明（c1）), as `xuanren tally` prints it to match the box; pages
    /// for people leave it out.
    public func grid(in language: Language, showIDs: Bool = true) -> Grid {
        let zh = language == .zhHans
        var satisfaction = false
        if case .satisfaction = rows { satisfaction = true }
        let kindName: String = switch (kind, zh) {
        case (.approval, true) where satisfaction: "满意度测评"
        case (.approval, false) where satisfaction: "satisfaction survey"
        case (.weightedRecommendation, true): "民主推荐（加权）"
        case (.weightedRecommendation, false): "weighted recommendation"
        case (.approval, true): "表决"
        case (.approval, false): "approval vote"
        case (.evaluation, true): "民主测评"
        case (.evaluation, false): "democratic evaluation"
        case (.election, true): "直接选举"
        case (.election, false): "direct election"
        }
        var heading: [String] = []
        heading.append(zh ? "唱票结果：\(title.isEmpty ? kindName : title)" : "Count: \(title.isEmpty ? kindName : title)")
        heading.append(zh ? "票型：\(kindName)" : "Kind: \(kindName)")
        let base = kind == .approval ? (zh ? "应到" : "members") : (zh ? "应参加" : "entitled")
        heading.append(zh ? "\(base) \(entitled) 人，收回 \(cast) 张，有效票 \(valid) 张，废票 \(invalid.count) 张"
                          : "\(base) \(entitled), ballots cast \(cast), valid \(valid), invalid \(invalid.count)")
        // a satisfaction survey is a 测评, not a 表决
        let nounKind: BallotKind = satisfaction ? .evaluation : kind
        let noun = VoidReason.noun(nounKind, language)
        let verdict = (zh ? "结论：" : "Verdict: ") + (voidReason?.words(in: language, kind: nounKind) ?? (zh ? "\(noun)有效" : "the \(noun) is valid"))
        func name(_ id: String) -> String { let n = names[id] ?? id; return n == id || !showIDs ? n : "\(n)（\(id)）" }
        func f(_ d: Double?, _ places: Int = 4) -> String { d.map { fixed($0, places) } ?? "—" }
        func r(_ i: Int?) -> String { i.map(String.init) ?? "—" }
        var table: [[String]] = []
        var notes: [String] = []
        switch rows {
        case .recommendation(let rs, let empty):
            let cats = rs.first?.byCategory.map(\.category) ?? []
            table.append([zh ? "名次" : "Rank", zh ? "候选人" : "Candidate", zh ? "得分" : "Score", zh ? "首选票" : "Firsts", zh ? "提名票" : "Mentions"] + cats)
            for x in rs.sorted(by: { ($0.rank ?? Int.max) < ($1.rank ?? Int.max) }) {
                table.append([r(x.rank), name(x.candidate), f(x.score), "\(x.firsts)", "\(x.mentions)"] + x.byCategory.map { f($0.mean) })
            }
            if !empty.isEmpty { notes.append((zh ? "无有效票的类别（权重已按比例调整）：" : "Categories without a valid ballot (weights rescaled): ") + empty.joined(separator: ", ")) }
        case .approval(let rs):
            table.append([zh ? "候选人" : "Candidate", zh ? "同意" : "Yes", zh ? "不同意" : "No", zh ? "弃权" : "Abstain", zh ? "结果" : "Result"])
            for x in rs { table.append([name(x.candidate), "\(x.yes)", "\(x.no)", "\(x.abstain)", x.passed ? (zh ? "通过" : "passed") : (zh ? "未通过" : "not passed")]) }
        case .satisfaction(let rs):
            table.append([zh ? "候选人" : "Candidate", zh ? "满意" : "Satisfied", zh ? "基本满意" : "Basic", zh ? "不满意" : "Dissatisfied",
                          zh ? "不了解" : "Don't know", zh ? "满意率" : "Satisfaction", zh ? "不满意率" : "Dissatisfied share", zh ? "提示" : "Flags"])
            for x in rs {
                var flags: [String] = []
                if x.admonish { flags.append(zh ? "诫勉谈话" : "admonishment talk") }
                if x.demote { flags.append(zh ? "建议调整" : "demotion proposal") }
                table.append([name(x.candidate), "\(x.satisfied)", "\(x.basic)", "\(x.dissatisfied)", "\(x.unknown)",
                              x.satisfaction.map { fixed($0 * 100, 1) + "%" } ?? "—", x.dissatisfiedShare.map { fixed($0 * 100, 1) + "%" } ?? "—",
                              flags.joined(separator: zh ? "、" : ", ")])
            }
        case .evaluation(let rs):
            let items = rs.first { !$0.items.isEmpty }?.items.map(\.item) ?? []
            table.append([zh ? "名次" : "Rank", zh ? "被测评人" : "Candidate", zh ? "得分" : "Score"] + items
                         + [zh ? "优秀" : "Exc.", zh ? "称职" : "Comp.", zh ? "基本称职" : "Basic", zh ? "不称职" : "Incomp.", zh ? "认可度" : "Consent", zh ? "提示" : "Flags"])
            for x in rs.sorted(by: { ($0.rank ?? Int.max) < ($1.rank ?? Int.max) }) {
                var flags: [String] = []
                if x.vetoed { flags.append(zh ? "民意否决" : "vetoed") }
                if x.demotionReview { flags.append(zh ? "须研究调整" : "demotion review") }
                table.append([r(x.rank), name(x.candidate), f(x.score, 2)] + x.items.map { f($0.mean, 2) }
                             + ["\(x.excellent)", "\(x.competent)", "\(x.basic)", "\(x.incompetent)", x.consent.map { fixed($0 * 100, 1) + "%" } ?? "—", flags.joined(separator: "、")])
            }
        case .election(let rs, let tie):
            table.append([zh ? "名次" : "Rank", zh ? "被选人" : "Person", zh ? "得票" : "Votes", zh ? "结果" : "Result"])
            for x in rs.sorted(by: { $0.rank < $1.rank }) { table.append(["\(x.rank)", name(x.candidate), "\(x.votes)", x.elected ? (zh ? "当选" : "elected") : ""]) }
            if tie { notes.append(zh ? "末位得票相同，超过应选名额，相关人员均不当选。" : "A tie at the last seat exceeds the seats: none of the tied persons is elected.") }
        }
        let invalidLines = invalid.map { b in
            zh ? "第 \(b.index + 1) 张（序号 \(b.index)）：\(b.reason.words(in: language))" : "ballot \(b.index + 1) (index \(b.index)): \(b.reason.words(in: language))"
        }
        return Grid(heading: heading, verdict: verdict, table: table, notes: notes, invalidLines: invalidLines)
    }

    /// The readable table for a counting meeting, in zh-Hans or English.
    public func table(in language: Language) -> String {
        let g = grid(in: language)
        var lines = g.heading + [g.verdict, ""]
        lines.append(contentsOf: g.notes)
        lines.append(contentsOf: layout(g.table))
        if !g.invalidLines.isEmpty {
            lines.append("")
            lines.append(language == .zhHans ? "废票：" : "Invalid ballots:")
            lines.append(contentsOf: g.invalidLines.map { "  " + $0 })
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Fixed-point text without Foundation.
public func fixed(_ d: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0 ..< places { scale *= 10 }
    let v = (abs(d) * scale).rounded()
    let whole = Int(v / scale)
    let frac = Int(v - Double(whole) * scale)
    var fs = String(frac)
    while fs.count < places { fs = "0" + fs }
    return (d < 0 && v != 0 ? "-" : "") + "\(whole)" + (places > 0 ? "." + fs : "")
}

/// Column layout with display widths (CJK characters count as two).
func layout(_ rows: [[String]]) -> [String] {
    func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && ($1.value <= 0x115F || ($1.value >= 0x2E80 && $1.value <= 0xFFDC)) ? 2 : 1) } }
    let cols = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: cols)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], width(c)) } }
    var out: [String] = []
    for (n, r) in rows.enumerated() {
        var line = ""
        for (i, c) in r.enumerated() { line += c + String(repeating: " ", count: widths[i] - width(c) + (i < r.count - 1 ? 2 : 0)) }
        while line.hasSuffix(" ") { line.removeLast() }
        out.append(line)
        if n == 0 { out.append(widths.enumerated().map { String(repeating: "-", count: $0.element) }.joined(separator: "  ")) }
    }
    return out
}

struct JSONWriter {
    var out = ""
    var needComma = [false]

    mutating func open(_ c: String) { out += c; needComma.append(false) }
    mutating func close(_ c: String) { out += c; needComma.removeLast(); needComma[needComma.count - 1] = true }
    mutating func key(_ k: String) {
        if needComma[needComma.count - 1] { out += "," }
        needComma[needComma.count - 1] = false
        string(k); out += ":"
    }
    mutating func element() { if needComma[needComma.count - 1] { out += "," }; needComma[needComma.count - 1] = false }
    mutating func done() { needComma[needComma.count - 1] = true }
    mutating func string(_ s: String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else { out.unicodeScalars.append(u) }
            }
        }
        out += "\""
        done()
    }
    mutating func int(_ i: Int?) { out += i.map(String.init) ?? "null"; done() }
    mutating func number(_ d: Double?) {
        guard let d, d.isFinite else { out += "null"; done(); return }
        out += "\(d)"
        done()
    }
    mutating func bool(_ b: Bool) { out += b ? "true" : "false"; done() }
    mutating func null() { out += "null"; done() }
}
