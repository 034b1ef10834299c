/// BAL-5 双过半: a nominee needs more than half of the votes in the meeting vote *and* more than half
/// in the talk recommendation. "Votes" are the ballots naming the person (recommendation: mentions;
/// approval: yes, or satisfied + basic; election: votes), out of all ballots cast in that vote. A void vote passes no one.
public enum DoubleMajority {
    public static func votes(for candidate: String, in result: TallyResult) -> Int? {
        switch result.rows {
        case .recommendation(let rows, _): rows.first { $0.candidate == candidate }?.mentions
        case .approval(let rows): rows.first { $0.candidate == candidate }?.yes
        case .satisfaction(let rows): rows.first { $0.candidate == candidate }.map { $0.satisfied + $0.basic }
        case .election(let rows, _): rows.first { $0.candidate == candidate }?.votes
        case .evaluation(let rows): rows.first { $0.candidate == candidate }.map { $0.excellent + $0.competent }
        }
    }

    /// More than half of the ballots cast in `result` name `candidate` (exact: votes × 2 > cast).
    public static func hasMajority(_ candidate: String, in result: TallyResult) -> Bool {
        guard !result.isVoid, result.cast > 0, let v = votes(for: candidate, in: result) else { return false }
        return v * 2 > result.cast
    }

    public static func passes(_ candidate: String, meeting: TallyResult, talks: TallyResult) -> Bool {
        hasMajority(candidate, in: meeting) && hasMajority(candidate, in: talks)
    }
}

extension DoubleMajority {
    /// One nominee across the two votes: the ballots naming them and all ballots cast, in each.
    public struct Line: Sendable, Equatable {
        public var name: String
        public var first: (votes: Int, cast: Int)?
        public var second: (votes: Int, cast: Int)?
        public var passes: Bool

        public static func == (a: Line, b: Line) -> Bool {
            a.name == b.name && a.passes == b.passes && a.first?.votes == b.first?.votes && a.first?.cast == b.first?.cast
                && a.second?.votes == b.second?.votes && a.second?.cast == b.second?.cast
        }
    }

    /// BAL-5 across two closed sessions (the meeting vote and the talk recommendation, in either order).
    /// Nominees are matched by name, since each session numbers its candidates itself; a nominee found
    /// in only one of them does not pass.
    public static func lines(_ first: (box: BallotBox, result: TallyResult), _ second: (box: BallotBox, result: TallyResult)) -> [Line] {
        func figures(_ name: String, _ s: (box: BallotBox, result: TallyResult)) -> (votes: Int, cast: Int)? {
            guard let c = s.box.candidates.first(where: { $0.name == name }) else { return nil }
            return (votes(for: c.id, in: s.result) ?? 0, s.result.cast)
        }
        var names: [String] = []
        for c in first.box.candidates + second.box.candidates where !names.contains(c.name) { names.append(c.name) }
        return names.map { name in
            let a = first.box.candidates.first { $0.name == name }, b = second.box.candidates.first { $0.name == name }
            let passes = a != nil && b != nil && hasMajority(a!.id, in: first.result) && hasMajority(b!.id, in: second.result)
            return Line(name: name, first: figures(name, first), second: figures(name, second), passes: passes)
        }
    }
}
