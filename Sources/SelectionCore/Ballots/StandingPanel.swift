/// BAL-10: a standing evaluation panel with a fixed composition, appointed for a year — e.g. 20 members:
/// 50% general staff, 40% section level, 10% division level (the seed's figures, as defaults).
public struct PanelComposition: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable, Codable {
        case general, section, division
        public func title(in language: Language) -> String {
            switch (self, language) {
            case (.general, .zhHans): "一般工作人员"
            case (.general, .en): "general staff"
            case (.section, .zhHans): "科级"
            case (.section, .en): "section level"
            case (.division, .zhHans): "处级"
            case (.division, .en): "division level"
            }
        }
    }

    public var size: Int
    /// Shares per level as exact fractions of the size (they must add up to 1).
    public var shares: [Level: Fraction]

    public static let seedDefault = PanelComposition(size: 20, shares: [.general: Fraction(1, 2), .section: Fraction(2, 5), .division: Fraction(1, 10)])

    public init(size: Int, shares: [Level: Fraction]) { self.size = size; self.shares = shares }

    /// Seats per level: share × size. A share that does not give a whole number of seats is refused
    /// rather than rounded silently.
    public func seats() throws(InvalidInput) -> [Level: Int] {
        if size <= 0 { throw InvalidInput(field: "size", .required) }
        var total = 0
        var out: [Level: Int] = [:]
        for level in Level.allCases {
            let f = shares[level] ?? Fraction(0, 1)
            let scaled = Int64(size) * f.num
            guard scaled % f.den == 0 else { throw InvalidInput(field: "shares", .notAllowed("\(level.rawValue) \(f) × \(size)")) }
            out[level] = Int(scaled / f.den)
            total += out[level]!
        }
        if total != size { throw InvalidInput(field: "shares", .notAllowed("Σ ≠ 1")) }
        return out
    }

    /// Checks a proposed membership: the right number of distinct members at each level.
    public func check(_ members: [(name: String, level: Level)]) throws(InvalidInput) {
        let need = try seats()
        let names = members.map(\.name)
        if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) { throw InvalidInput(field: "panelMembers", .duplicate(dup)) }
        for level in Level.allCases {
            let have = members.filter { $0.level == level }.count
            if have != need[level] ?? 0 {
                throw InvalidInput(field: "panelMembers", .notAllowed("\(level.rawValue): \(have) / \(need[level] ?? 0)"))
            }
        }
    }
}
