import Foundation

/// PUB-3, PRB-1: what an appointment (or a failed probation's return) changes in the person's registry file, in one
/// pure step the store applies inside the appointing transaction: the current post, the rank and since when, and
/// the résumé — the open line closed at the month before and a new open line for the new post.
public enum AppointmentFile {
    /// The file after appointing to `post` (with `rank`, when given) in the month of `day`.
    public static func appointing(_ file: CadreFile, post rawPost: String, rank rawRank: String, on day: CivilDay) -> CadreFile {
        var f = file
        let post = rawPost.trimmingCharacters(in: .whitespacesAndNewlines), rank = rawRank.trimmingCharacters(in: .whitespacesAndNewlines)
        let month = day.yearMonth
        f.currentPost = post
        f.postSince = month.description
        if !rank.isEmpty, rank != f.rank { f.rank = rank; f.rankSince = month.description }
        f.proposedPost = ""
        f.resume = resume(f.resume, opening: post, in: month)
        return f
    }

    /// The résumé with its open line (a start and no end) closed at `month` — only its dates rewritten, the rest of
    /// the line and the lines under it kept as written — and a new line `yyyy.mm—  text` added.
    public static func resume(_ text: String, opening line: String, in month: YearMonth) -> String {
        // the parser's line numbers count \r\n, \n and \r alike
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        let parsed = Resume(text: lines.joined(separator: "\n"))
        let stamp = dotted(month)
        if let open = parsed.entries.last(where: { $0.end == nil }), open.line - 1 < lines.count {
            lines[open.line - 1] = closing(lines[open.line - 1], at: stamp)
        }
        lines.append("\(stamp)—  \(line)")
        return lines.joined(separator: "\n")
    }

    /// `2020.03--  text` → `2020.03—2025.10  text`: the start and its dashes replaced, everything after kept.
    static func closing(_ line: String, at stamp: String) -> String {
        let lead = line.prefix { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        var rest = line.dropFirst(lead.count)
        let start = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") || $0 == "．" }
        rest = rest.dropFirst(start.count)
        let dashes = rest.prefix { Resume.dashes.contains($0) }
        guard !start.isEmpty, !dashes.isEmpty else { return line }
        rest = rest.dropFirst(dashes.count)
        return String(lead) + start + "—" + stamp + (rest.first == " " || rest.first == "\u{3000}" ? "" : "  ") + rest
    }

    /// PRB-1: a failed probation: the file goes back to the former post and rank with their original dates, and the
    /// résumé records the return.
    public static func returning(_ file: CadreFile, to post: String, rank: String, rankSince: String, on day: CivilDay, note: String) -> CadreFile {
        var f = file
        f.currentPost = post
        f.rank = rank
        f.rankSince = rankSince
        f.postSince = day.yearMonth.description
        f.resume = resume(f.resume, opening: post + note, in: day.yearMonth)
        return f
    }

    static func dotted(_ m: YearMonth) -> String { "\(m.year)." + (m.month < 10 ? "0" : "") + "\(m.month)" }
}
