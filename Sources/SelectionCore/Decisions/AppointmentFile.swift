import Foundation

/// PUB-3, PRB-1: what an appointment (or a failed probation's return) changes in the person's registry file, in one
/// pure step the store applies inside the appointing transaction: the current post, the rank and since when, and
/// the résumé — the open line closed at the month before and a new open line for the new post.
public enum AppointmentFile {
    /// The file after appointing to `post` (with `rank`, when given) in the month of `day`.
    public static func appointing(_ file: CadreFile, post rawPost: String, rank rawRank: String, on day: CivilDay) -> CadreFile {
        var f = file
        let post = rawPost.trimmingCharacters(in: .whitespacesAndNewlines), rank = rawRank.trimmingCharacters(in: .whitespacesAndNewlines)
        let c = day.components
        let month = YearMonth(year: c.year, month: c.month)
        f.currentPost = post
        f.postSince = month.description
        if !rank.isEmpty, rank != f.rank { f.rank = rank; f.rankSince = month.description }
        f.proposedPost = ""
        f.resume = resume(f.resume, opening: post, in: month)
        return f
    }

    /// The résumé with its open line (a start and no end) closed at `month` and a new line `yyyy.mm—  text` added.
    public static func resume(_ text: String, opening line: String, in month: YearMonth) -> String {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        let parsed = Resume(text: lines.joined(separator: "\n"))
        let stamp = dotted(month)
        if let open = parsed.entries.last(where: { $0.end == nil }), open.line - 1 < lines.count {
            let interim = open.interim.isEmpty ? "" : open.interim.joined()
            lines[open.line - 1] = "\(dotted(open.start))—\(stamp)  \(open.text)\(interim)"
        }
        lines.append("\(stamp)—  \(line)")
        return lines.joined(separator: "\n")
    }

    static func dotted(_ m: YearMonth) -> String { "\(m.year)." + (m.month < 10 ? "0" : "") + "\(m.month)" }
}
