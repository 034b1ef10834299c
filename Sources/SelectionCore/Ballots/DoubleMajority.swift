/// BAL-5 双过半: a nominee needs more than half of the votes in the meeting vote *and* more than half
/// in the talk recommendation. "Votes" are the ballots naming the person (recommendation: mentions;
/// approval: yes; election: votes), out of all ballots cast in that vote. A void vote passes no one.
public enum DoubleMajority {
    public static func votes(for candidate: String, in result: TallyResult) -> Int? {
        switch result.rows {
        case .recommendation(let rows, _): rows.first { $0.candidate == candidate }?.mentions
        case .approval(let rows): rows.first { $0.candidate == candidate }?.yes
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
