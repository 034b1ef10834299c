import Foundation

/// CHK-5: the special matters that had to be reported before they happened (事前报告) — an exceptional (破格) or
/// grade-skipping (越级) promotion, a large batch of promotions — with whether each was, as a check lists them for the
/// unit and period it covers. A matter's gate (`GateKind.priorReport`) already keeps an unreported one from the
/// committee unless a recorded decision set the gate aside; the list shows both.
public enum PriorReports {
    /// One person of a matter that needed a prior report.
    public struct Person: Sendable, Equatable, Codable {
        public var name: String
        public var positionID: String
        /// The report's reference, when made.
        public var reference: String?
        /// The gate was set aside by a recorded decision (its reference).
        public var overriddenBy: String?
        /// Appointed in the period.
        public var appointed: Bool
        public init(name: String, positionID: String, reference: String?, overriddenBy: String? = nil, appointed: Bool) {
            self.name = name; self.positionID = positionID; self.reference = reference; self.overriddenBy = overriddenBy; self.appointed = appointed
        }
    }

    /// One matter of the unit in the period, with its plan's positions and the people who went as far as the gate.
    public struct Matter: Sendable, Equatable {
        public var id: String
        public var title: String
        public var positions: [MatterPosition]
        public var batchPosts: Int
        public var people: [Person]
        public init(id: String, title: String, positions: [MatterPosition], batchPosts: Int, people: [Person]) {
            self.id = id; self.title = title; self.positions = positions; self.batchPosts = batchPosts; self.people = people
        }
        public var totalPosts: Int { positions.reduce(0) { $0 + $1.posts } }
    }

    /// One line of the list: a person whose promotion needed a prior report, why, and what became of it.
    public struct Line: Sendable, Equatable, Codable {
        public enum Status: String, Sendable, Codable { case reported, setAside = "overridden", missing }
        public var matterID: String
        public var matter: String
        public var post: String
        public var name: String
        /// Why the report was needed, in words.
        public var zh: String
        public var en: String
        public var status: Status
        public var reference: String?
        public var appointed: Bool

        public func why(in l: Language) -> String { l == .zhHans ? zh : en }
        public func statusText(in l: Language) -> String {
            let zh = l == .zhHans
            switch status {
            case .reported: return zh ? "已事前报告（\(reference ?? "")）" : "reported in advance (\(reference ?? ""))"
            case .setAside: return zh ? "未事前报告，经决定不受此限（\(reference ?? "")）" : "not reported; the gate set aside by decision (\(reference ?? ""))"
            case .missing: return zh ? "未事前报告" : "not reported in advance"
            }
        }
    }

    /// Every person whose promotion needed a prior report, matter by matter in the given order.
    public static func lines(_ matters: [Matter]) -> [Line] {
        var out: [Line] = []
        for m in matters {
            let batch = m.totalPosts >= m.batchPosts
            for p in m.people {
                guard let pos = m.positions.first(where: { $0.id == p.positionID }), pos.exceptional || batch else { continue }
                var zh: [String] = [], en: [String] = []
                if pos.exceptional { zh.append("破格或越级提拔"); en.append("exceptional or grade-skipping promotion") }
                if batch { zh.append("批量提拔（本事项\(m.totalPosts)个职数，达到\(m.batchPosts)个）"); en.append("batch of \(m.totalPosts) posts (\(m.batchPosts) or more)") }
                let status: Line.Status
                let reference: String?
                if let r = p.reference, !r.isEmpty { status = .reported; reference = r }
                else if let o = p.overriddenBy { status = .setAside; reference = o }
                else { status = .missing; reference = nil }
                out.append(Line(matterID: m.id, matter: m.title, post: pos.unitName + pos.post, name: p.name, zh: zh.joined(separator: "；"), en: en.joined(separator: "; "),
                                status: status, reference: reference, appointed: p.appointed))
            }
        }
        return out
    }
}
