/// Redirect targets given by the user (`next` on the sign-in page, `back` on the language switch): only a
/// path of this site, of an allow-list shape, is ever put into a `Location` header; anything else becomes the
/// fallback. Every redirect that takes a user-given target goes through `sameSitePath`.
enum RedirectTarget {
    /// Characters kept as they are in the returned path; any other printable character is percent-encoded.
    static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?#%")

    /// `raw` if it is a same-site path: it starts with one `/` (not `//`, not `/\`), holds no control character
    /// (CR, LF, NUL, …), no backslash and no scheme — neither as given nor after percent-decoding it (up to
    /// three times: `%5C`, `%0d%0a`, `%252F`); otherwise `fallback`.
    static func sameSitePath(_ raw: String?, fallback: String = "/") -> String {
        guard let raw, raw.utf8.count <= 2048, isSafe(raw) else { return fallback }
        var text = raw
        for _ in 0 ..< 3 {
            guard text.contains("%") else { break }
            // an invalid escape (`%zz`, bytes that are not UTF-8) is refused rather than guessed at
            guard let decoded = text.removingPercentEncoding else { return fallback }
            if decoded == text { break }
            guard isSafe(decoded) else { return fallback }
            text = decoded
        }
        if text.contains("%") { return fallback }  // still encoded after three rounds: not a path a page links to
        return encoded(raw)
    }

    /// One form of the target: a single leading slash, no backslash, no control or invisible separator, no scheme.
    static func isSafe(_ s: String) -> Bool {
        let u = Array(s.unicodeScalars)
        guard u.first == "/", u.count == 1 || (u[1] != "/" && u[1] != "\\") else { return false }
        for c in u {
            if c == "\\" { return false }
            switch c.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return false
            default: break
            }
        }
        // no scheme: a scheme (`javascript:`, `https:`) ends with a colon before the first slash, and this starts with one;
        // no host: that would need `//` at the start
        return true
    }

    /// The path with every character outside the allow-list percent-encoded (spaces, quotes, non-ASCII).
    static func encoded(_ s: String) -> String {
        var out = ""
        for ch in s {
            if allowed.contains(ch) { out.append(ch); continue }
            for byte in String(ch).utf8 { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2) }
        }
        return out
    }

    /// The sign-in page with `path` as where to go afterwards (percent-encoded as a query value).
    static func loginURL(next path: String) -> String {
        let keep = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        var out = ""
        for ch in path {
            if keep.contains(ch) { out.append(ch); continue }
            for byte in String(ch).utf8 { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2) }
        }
        return AuthRoute.login.path + "?next=" + out
    }
}

extension String {
    fileprivate func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
