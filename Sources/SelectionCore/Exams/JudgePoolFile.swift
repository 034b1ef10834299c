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
    /// EXM-4 (since recusal before the draw): judges related to a candidate, or of a candidate's unit when the rules
    /// say so, or who declared a conflict (`declared`) are kept out of the pool before the lot is drawn. False (files
    /// written before): the draw takes the whole pool and recusals are listed per candidate after it.
    public var recuseBeforeDraw: Bool
    /// Judges who declared a conflict before this draw.
    public var declared: [String]
    /// Judges who declared a conflict after the draw, in order, each with the seed of the lot for their seat (nil:
    /// nobody could take it).
    public var replacements: [Replacement]

    public struct Replacement: Sendable, Equatable {
        public var judge: String
        public var seed: UInt64?
        public init(judge: String, seed: UInt64?) { self.judge = judge; self.seed = seed }
    }

    public init(positionId: String, positionName: String, rules: InterviewPanelRules, size: Int?, judges: [Judge], candidates: [InterviewCandidate],
                recuseBeforeDraw: Bool = false, declared: [String] = [], replacements: [Replacement] = []) {
        self.positionId = positionId; self.positionName = positionName; self.rules = rules; self.size = size; self.judges = judges
        self.candidates = candidates; self.recuseBeforeDraw = recuseBeforeDraw; self.declared = declared; self.replacements = replacements
    }

    private struct RawRules: Decodable {
        var minimumSize: Int?, smallUnitMinimumSize: Int?, smallUnit: Bool?, minimumOutsideShare: String?
        var minimumFamiliarWithBusiness: Int?, requiredGroups: [String]?, ownUnitRecuses: Bool?, trim: Int?
    }
    private struct RawPosition: Decodable { var id: String?, name: String? }
    private struct RawJudge: Decodable {
        var id: String?, name: String?, unit: String?, outside: Bool?, familiar: Bool?, group: String?, related: [String]?
    }
    private struct RawCandidate: Decodable { var id: String?, name: String?, unit: String? }
    private struct RawReplacement: Decodable { var judge: String?, seed: String? }
    private struct RawFile: Decodable {
        var format: String?, position: RawPosition?, rules: RawRules?, size: Int?
        var judges: [RawJudge]?, candidates: [RawCandidate]?
        var recuseBeforeDraw: Bool?, declared: [String]?, replacements: [RawReplacement]?
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
        var replacements: [Replacement] = []
        for (i, r) in (raw.replacements ?? []).enumerated() {
            guard let j = r.judge, !j.isEmpty else { issues.append(.init(field: "replacements[\(i)].judge", problem: .required)); continue }
            var seed: UInt64? = nil
            if let t = r.seed { seed = UInt64(t); if seed == nil { issues.append(.init(field: "replacements[\(i)].seed", problem: .notAllowed(t))) } }
            replacements.append(Replacement(judge: j, seed: seed))
        }
        for (i, d) in (raw.declared ?? []).enumerated() where !seen.contains(d) { issues.append(.init(field: "declared[\(i)]", problem: .notFound(d))) }
        if !issues.isEmpty { throw InvalidInput(issues) }
        return JudgePoolFile(positionId: raw.position?.id ?? "", positionName: raw.position?.name ?? "", rules: rules,
                             size: raw.size, judges: judges, candidates: candidates, recuseBeforeDraw: raw.recuseBeforeDraw ?? false,
                             declared: raw.declared ?? [], replacements: replacements)
    }

    /// The file as JSON (keys sorted, two-space indent): what the server stores with a drawn panel and a supervisor
    /// downloads to re-run the draw with `xuanren draw --panel FILE --seed S`.
    public func jsonData() -> Data {
        struct W: Encodable {
            struct P: Encodable { var id: String, name: String }
            struct R: Encodable {
                var minimumSize: Int, smallUnitMinimumSize: Int, smallUnit: Bool, minimumOutsideShare: String
                var minimumFamiliarWithBusiness: Int, requiredGroups: [String], ownUnitRecuses: Bool, trim: Int
            }
            struct J: Encodable { var id: String, name: String, unit: String, outside: Bool, familiar: Bool, group: String, related: [String]? }
            struct C: Encodable { var id: String, name: String, unit: String }
            struct Rep: Encodable { var judge: String; var seed: String? }
            var format: String, position: P, rules: R, size: Int?, judges: [J], candidates: [C]
            var recuseBeforeDraw: Bool?, declared: [String]?, replacements: [Rep]?
        }
        let r = rules
        let w = W(format: Self.format, position: .init(id: positionId, name: positionName),
                  rules: .init(minimumSize: r.minimumSize, smallUnitMinimumSize: r.smallUnitMinimumSize, smallUnit: r.smallUnit,
                               minimumOutsideShare: "\(r.minimumOutsideShare.num)/\(r.minimumOutsideShare.den)",
                               minimumFamiliarWithBusiness: r.minimumFamiliarWithBusiness, requiredGroups: r.requiredGroups.map(\.rawValue),
                               ownUnitRecuses: r.ownUnitRecuses, trim: r.trim),
                  size: size,
                  judges: judges.map { .init(id: $0.id, name: $0.name, unit: $0.unitId, outside: $0.fromOutside, familiar: $0.familiarWithBusiness,
                                             group: $0.group.rawValue, related: $0.relatedTo.isEmpty ? nil : $0.relatedTo) },
                  candidates: candidates.map { .init(id: $0.id, name: $0.name, unit: $0.unitId) },
                  recuseBeforeDraw: recuseBeforeDraw ? true : nil, declared: declared.isEmpty ? nil : declared,
                  replacements: replacements.isEmpty ? nil : replacements.map { .init(judge: $0.judge, seed: $0.seed.map(String.init)) })
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(w)) ?? Data()
    }

    /// The panel this file gives with `seed` (what `xuanren draw --panel` prints): recusal before the draw and the
    /// replacements when `recuseBeforeDraw`, else the plain draw of the whole pool.
    public func draw(seed: UInt64, rules: InterviewPanelRules? = nil, size: Int? = nil) throws(InvalidInput) -> JudgeRecusal.Draw {
        let rules = rules ?? self.rules
        if !recuseBeforeDraw {
            let d = try JudgeDraw.draw(from: judges, rules: rules, size: size ?? self.size, seed: seed)
            return JudgeRecusal.Draw(excluded: [], drawn: d, replacements: [], judges: d.members.map(\.judge), short: false)
        }
        return try JudgeRecusal.draw(pool: judges, candidates: candidates, rules: rules, size: size ?? self.size, seed: seed,
                                     declared: declared, replacements: replacements.map { ($0.judge, $0.seed) })
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
