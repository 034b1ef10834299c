/// Sealed ballots all have the same length within a session, so that the size of a sealed ballot says
/// nothing about what it holds (how many names, which answers, a write-in). The length is fixed when the
/// session is created, from its template: the longest ballot the template allows, plus room for a
/// tracking code, rounded up to 64 bytes.
public enum BallotPadding {
    /// Names written in on an election ballot are at most this many characters (SEL-5 write-ins).
    public static let maxWriteInCharacters = 40
    /// The tracking code the box carries (`T` and ten characters).
    public static let trackingSample = "T0000000000"

    /// The padded length of every sealed ballot of a session with this template.
    public static func length(for box: BallotBox) -> Int {
        let longestID = box.candidates.map(\.id.utf8.count).max() ?? 1
        let writeIn = String(repeating: "\u{4E2D}", count: maxWriteInCharacters)   // 3 bytes each in UTF-8
        let widest = box.candidates.max { $0.id.utf8.count < $1.id.utf8.count }?.id ?? "x"
        let ballot: Ballot
        switch box.settings {
        case .weightedRecommendation(let s):
            let category = s.categories.max { $0.id.utf8.count < $1.id.utf8.count }?.id ?? "c"
            // one more name than allowed: such a ballot is invalid but is still cast on paper and counted as invalid
            ballot = .recommendation(category: category, ranking: Array(repeating: widest, count: s.maxChoices + 1))
        case .approval(let s):
            // the longest answer of the set ("abstain" is as long as a paper ballot's "unclear")
            let answer = s.answers.values.max { $0.utf8.count < $1.utf8.count } ?? "abstain"
            ballot = .approval(votes: box.candidates.map { (candidate: $0.id, answer: answer) })
        case .evaluation(let s):
            let tier = s.tiers.max { $0.name.utf8.count < $1.name.utf8.count }?.name ?? "t"
            let overall = EvaluationCounter.overallValues.max { $0.utf8.count < $1.utf8.count } ?? "o"
            let longest = tier.utf8.count >= overall.utf8.count ? tier : overall
            ballot = .evaluation(ratings: box.candidates.map { c in
                (candidate: c.id, items: s.items.map { (item: $0.id, tier: longest) }, overall: longest)
            })
        case .election(let s):
            let name = longestID > writeIn.utf8.count ? widest : writeIn
            ballot = .election(choices: Array(repeating: name, count: s.seats + 1))
        }
        let bytes = 4 + ballot.json(tracking: trackingSample).utf8.count + 16
        return (bytes + 63) / 64 * 64
    }

    /// The ballot's UTF-8 bytes behind a 4-byte length, then zeros up to `length`; nil when it does not fit.
    public static func pad(_ text: String, to length: Int) -> [UInt8]? {
        let body = Array(text.utf8)
        guard body.count + 4 <= length else { return nil }
        var out = [UInt8](repeating: 0, count: length)
        let n = UInt32(body.count)
        out[0] = UInt8(n >> 24); out[1] = UInt8((n >> 16) & 0xFF); out[2] = UInt8((n >> 8) & 0xFF); out[3] = UInt8(n & 0xFF)
        out.replaceSubrange(4 ..< 4 + body.count, with: body)
        return out
    }

    /// The ballot text back from its padded form; nil when the length prefix does not fit.
    public static func unpad(_ padded: some Collection<UInt8>) -> String? {
        let bytes = Array(padded)
        guard bytes.count >= 4 else { return nil }
        let n = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard n <= bytes.count - 4 else { return nil }
        return String(decoding: bytes[4 ..< 4 + n], as: UTF8.self)
    }
}
