import Foundation

/// The `xuanren.judge-pool/1` file (docs/formats/judge-pool.md): a pool of judges to draw one position's interview
/// panel from, with the panel rules and, optionally, the candidates (to list recusals). Parsing only; no I/O.
public struct JudgePoolFile: Sendable, Equatable {
    public static let format = "xuanren.judge-pool/1"

    public var positionId: String
    public var positionName: String
    public var rules: InterviewPanelRules
    /// The panel size to draw; nil: the rules' minimum.
    public var size: Int?
    public var judges: [Judge]
    public var candidates: [InterviewCandidate]

    private struct RawRules: Decodable {
        var minimumSize: Int?, smallUnitMinimumSize: Int?, smallUnit: Bool?, minimumOutsideShare: String?
        var minimumFamiliarWithBusiness: Int?, requiredGroups: [String]?, ownUnitRecuses: Bool?, trim: Int?
    }
    private struct RawPosition: Decodable { var id: String?, name: String? }
    private struct RawJudge: Decodable {
        var id: String?, name: String?, unit: String?, outside: Bool?, familiar: Bool?, group: String?, related: [String]?
    }
    private struct RawCandidate: Decodable { var id: String?, name: String?, unit: String? }
    private struct RawFile: Decodable {
        var format: String?, position: RawPosition?, rules: RawRules?, size: Int?
        var judges: [RawJudge]?, candidates: [RawCandidate]?
    }

    /// Reads a pool file; every problem names its field (a JSON path such as `judges[2].outside`).
    public static func parse(_ data: Data) throws(InvalidInput) -> JudgePoolFile {
        let raw: RawFile = try decode(data)
        var issues: [InvalidInput.Issue] = []
        if raw.format != format { issues.append(.init(field: "format", problem: raw.format == nil ? .required : .unknownValue(raw.format!))) }
        let rules = raw.rules.map { readRules(from: $0, prefix: "rules", issues: &issues) } ?? InterviewPanelRules()
        if let s = raw.size, s < 1 { issues.append(.init(field: "size", problem: .notAllowed("\(s)"))) }
        guard let rawJudges = raw.judges else { throw InvalidInput(issues + [.init(field: "judges", problem: .required)]) }
        var judges: [Judge] = []
        for (i, j) in rawJudges.enumerated() {
            let p = "judges[\(i)]"
            func need<T>(_ v: T?, _ f: String) -> T? { if v == nil { issues.append(.init(field: "\(p).\(f)", problem: .required)) }; return v }
            let id = need(j.id, "id"), name = need(j.name, "name"), unit = need(j.unit, "unit")
            let outside = need(j.outside, "outside"), familiar = need(j.familiar, "familiar"), g = need(j.group, "group")
            if let id, id.isEmpty { issues.append(.init(field: "\(p).id", problem: .required)) }
            var group: JudgeGroup?
            if let g { group = JudgeGroup(rawValue: g); if group == nil { issues.append(.init(field: "\(p).group", problem: .unknownValue(g))) } }
            if let id, let name, let unit, let outside, let familiar, let group {
                judges.append(Judge(id: id, name: name, unitId: unit, fromOutside: outside, familiarWithBusiness: familiar,
                                    group: group, relatedTo: j.related ?? []))
            }
        }
        var seen = Set<String>()
        for (i, j) in judges.enumerated() where !j.id.isEmpty && !seen.insert(j.id).inserted {
            issues.append(.init(field: "judges[\(i)].id", problem: .duplicate(j.id)))
        }
        var candidates: [InterviewCandidate] = []
        for (i, c) in (raw.candidates ?? []).enumerated() {
            guard let id = c.id, !id.isEmpty else { issues.append(.init(field: "candidates[\(i)].id", problem: .required)); continue }
            candidates.append(InterviewCandidate(id: id, name: c.name ?? "", unitId: c.unit ?? ""))
        }
        var seenC = Set<String>()
        for (i, c) in candidates.enumerated() where !seenC.insert(c.id).inserted {
            issues.append(.init(field: "candidates[\(i)].id", problem: .duplicate(c.id)))
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
        return JudgePoolFile(positionId: raw.position?.id ?? "", positionName: raw.position?.name ?? "", rules: rules,
                             size: raw.size, judges: judges, candidates: candidates)
    }

    /// Reads a rules file: the same object as a pool file's `rules` (fields left out keep the defaults).
    public static func parseRules(_ data: Data) throws(InvalidInput) -> InterviewPanelRules {
        let raw: RawRules = try decode(data)
        var issues: [InvalidInput.Issue] = []
        let r = readRules(from: raw, prefix: "rules", issues: &issues)
        if !issues.isEmpty { throw InvalidInput(issues) }
        return r
    }

    private static func readRules(from raw: RawRules, prefix: String, issues: inout [InvalidInput.Issue]) -> InterviewPanelRules {
        var r = InterviewPanelRules()
        if let v = raw.minimumSize { r.minimumSize = v }
        if let v = raw.smallUnitMinimumSize { r.smallUnitMinimumSize = v }
        if let v = raw.smallUnit { r.smallUnit = v }
        if let v = raw.minimumFamiliarWithBusiness { r.minimumFamiliarWithBusiness = v }
        if let v = raw.ownUnitRecuses { r.ownUnitRecuses = v }
        if let v = raw.trim { r.trim = v }
        if let s = raw.minimumOutsideShare {
            let parts = s.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, let n = Int64(parts[0]), let d = Int64(parts[1]), d > 0 { r.minimumOutsideShare = Fraction(n, d) }
            else { issues.append(.init(field: "\(prefix).minimumOutsideShare", problem: .notAllowed(s))) }
        }
        if let gs = raw.requiredGroups {
            r.requiredGroups = []
            for (i, g) in gs.enumerated() {
                if let group = JudgeGroup(rawValue: g) { r.requiredGroups.append(group) }
                else { issues.append(.init(field: "\(prefix).requiredGroups[\(i)]", problem: .unknownValue(g))) }
            }
        }
        issues += r.problems().map { InvalidInput.Issue(field: $0.field.replacingOccurrences(of: "rules.", with: "\(prefix)."), problem: $0.problem) }
        return r
    }

    private static func decode<T: Decodable>(_ data: Data) throws(InvalidInput) -> T {
        do { return try JSONDecoder().decode(T.self, from: data) } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .keyNotFound(_, let ctx):
                throw InvalidInput(field: path(ctx.codingPath), .described(zh: "类型或取值不对", en: "wrong type or value"))
            case .dataCorrupted(let ctx):
                throw InvalidInput(field: ctx.codingPath.isEmpty ? "$" : path(ctx.codingPath),
                                   .described(zh: "不是有效的JSON", en: "not valid JSON"))
            @unknown default:
                throw InvalidInput(field: "$", .described(zh: "不是有效的JSON", en: "not valid JSON"))
            }
        } catch {
            throw InvalidInput(field: "$", .described(zh: "不是有效的JSON", en: "not valid JSON"))
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += out.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return out.isEmpty ? "$" : out
    }
}
