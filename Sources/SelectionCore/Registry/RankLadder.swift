/// Ranks are data, not code: the leadership ladder (副科级 … 正部级) and the non-leadership ranks (办事员, 科员 and
/// the 职级 sequence 二级科员 … 一级巡视员), each rank with the level it counts as on the leadership ladder (for
/// ELG-3's "one grade up / skipping one"). An administrator edits it; the default is below.
public struct RankLadder: Sendable, Equatable, Codable {
    public enum Track: String, Sendable, Codable, CaseIterable { case leadership, level }
    public struct Rank: Sendable, Equatable, Codable {
        public var name: String
        public var level: Int
        public var track: Track
        public init(name: String, level: Int, track: Track) { self.name = name; self.level = level; self.track = track }
    }
    public var ranks: [Rank]
    public init(ranks: [Rank]) { self.ranks = ranks }

    /// 办事员 and 科员 are no leadership posts (领导职务): under the Civil Servant Law they were non-leadership
    /// ranks (非领导职务) and since 2019 are the 职级 二级科员 and 一级科员; they keep levels 1 and 2 for ELG-3.
    public static let standard = RankLadder(ranks: [
        .init(name: "办事员", level: 1, track: .level), .init(name: "科员", level: 2, track: .level),
        .init(name: "副科级", level: 3, track: .leadership), .init(name: "正科级", level: 4, track: .leadership),
        .init(name: "副处级", level: 5, track: .leadership), .init(name: "正处级", level: 6, track: .leadership),
        .init(name: "副厅级", level: 7, track: .leadership), .init(name: "正厅级", level: 8, track: .leadership),
        .init(name: "副部级", level: 9, track: .leadership), .init(name: "正部级", level: 10, track: .leadership),
        .init(name: "二级科员", level: 1, track: .level), .init(name: "一级科员", level: 2, track: .level),
        .init(name: "四级主任科员", level: 3, track: .level), .init(name: "三级主任科员", level: 3, track: .level),
        .init(name: "二级主任科员", level: 4, track: .level), .init(name: "一级主任科员", level: 4, track: .level),
        .init(name: "四级调研员", level: 5, track: .level), .init(name: "三级调研员", level: 5, track: .level),
        .init(name: "二级调研员", level: 6, track: .level), .init(name: "一级调研员", level: 6, track: .level),
        .init(name: "二级巡视员", level: 7, track: .level), .init(name: "一级巡视员", level: 8, track: .level),
    ])

    public func level(of name: String) -> Int? { ranks.first { $0.name == name }?.level }
    /// Whether a rank is a leadership post (领导职务) or a non-leadership rank (职级); nil when not on the ladder.
    public func track(of name: String) -> Track? { ranks.first { $0.name == name }?.track }
    /// Whether the leadership rules (ROT-1 rotation, ROT-2 terms) concern a holder of this rank: every rank but a
    /// non-leadership one (职级, 科员, 办事员); a rank not on the ladder counts as leadership, so that no alert is lost.
    public func isLeadership(_ name: String) -> Bool { track(of: name) != .level }

    /// One rank per line: `name, level, track` (track `leadership`/`领导职务` or `level`/`职级`/`非领导职务`; default leadership).
    public init(text: String) throws(InvalidInput) {
        var out: [Rank] = []
        for (i, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(" \t")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "\t" }).map { $0.trimmingCharacters(" ") }
            guard parts.count >= 2, !parts[0].isEmpty, let level = Int(parts[1]), (0 ... 99).contains(level) else {
                throw InvalidInput(field: "ladder", .unknownValue("\(i + 1): \(line)"))
            }
            let track: Track
            switch parts.count > 2 ? parts[2] : "" {
            case "", "leadership", "领导职务": track = .leadership
            case "level", "职级", "非领导职务": track = .level
            default: throw InvalidInput(field: "ladder", .unknownValue("\(i + 1): \(parts[2])"))
            }
            if out.contains(where: { $0.name == parts[0] }) { throw InvalidInput(field: "ladder", .duplicate(parts[0])) }
            out.append(Rank(name: parts[0], level: level, track: track))
        }
        if out.isEmpty { throw InvalidInput(field: "ladder", .required) }
        ranks = out
    }

    public var text: String { ranks.map { "\($0.name), \($0.level), \($0.track == .leadership ? "领导职务" : "职级")" }.joined(separator: "\n") }
}
