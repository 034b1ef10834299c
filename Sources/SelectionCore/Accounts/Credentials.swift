/// Rules for user names and passwords.
public enum Credentials {
    static let usernameAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")

    /// User names are lower-case ASCII letters, digits, `.`, `_`, `-`; 3–32 characters.
    public static func checkUsername(_ raw: String) throws(InvalidInput) -> String {
        let name = raw.lowercased()
        if name.isEmpty { throw InvalidInput(field: "username", .required) }
        if name.count < 3 { throw InvalidInput(field: "username", .tooShort(min: 3)) }
        if name.count > 32 { throw InvalidInput(field: "username", .tooLong(max: 32)) }
        guard name.allSatisfy({ usernameAllowed.contains($0) }) else {
            throw InvalidInput(field: "username", .invalidCharacters(allowed: "a-z 0-9 . _ -"))
        }
        return name
    }

    /// The shortest password accepted.
    public static let minPasswordLength = 10

    /// A password: at least `minPasswordLength` characters, letters and digits, at most 128, not the user name
    /// and not on the list of common passwords (compared case-insensitively; the caller reads the list).
    public static func checkNewPassword(_ password: String, username: String, field: String = "newPassword",
                                        common: CommonPasswords) throws(InvalidInput) {
        if password.isEmpty { throw InvalidInput(field: field, .required) }
        if password.count > 128 { throw InvalidInput(field: field, .tooLong(max: 128)) }
        let hasLetter = password.contains { $0.isLetter }
        let hasDigit = password.contains { $0.isNumber }
        if password.count < minPasswordLength || !hasLetter || !hasDigit || password.lowercased() == username.lowercased() {
            throw InvalidInput(field: field, .weakPassword)
        }
        if common.contains(password) { throw InvalidInput(field: field, .commonPassword) }
    }
}

/// Passwords that must not be chosen because they are among the first an attacker tries: one a line,
/// blank lines and `#` comments ignored, compared case-insensitively (`Password12` is `password12`).
/// Pure data: the web app and the command line read `Resources/common-passwords.txt` and pass it in.
public struct CommonPasswords: Sendable, Equatable {
    let entries: Set<String>

    public init(_ passwords: some Sequence<String>) {
        entries = Set(passwords.map { $0.lowercased() })
    }

    /// Parses the text of a list file.
    public init(text: String) {
        self.init(text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(" \t\r") }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// No list at all (only the length and character rules apply).
    public static let none = CommonPasswords([String]())

    public var count: Int { entries.count }

    public func contains(_ password: String) -> Bool { entries.contains(password.lowercased()) }
}

/// Login throttling: after `maxFailures` consecutive failures an account name is locked for
/// `lockSeconds`; each further failure while locked extends the lock. Pure policy; the store keeps the counts.
public struct LoginThrottle: Sendable, Equatable {
    public var maxFailures: Int
    public var lockSeconds: Int64

    public init(maxFailures: Int = 5, lockSeconds: Int64 = 15 * 60) {
        self.maxFailures = maxFailures
        self.lockSeconds = lockSeconds
    }

    /// Whether a login attempt may be checked now, given the recorded lock (epoch seconds).
    public func isLocked(lockedUntil: Int64?, now: Int64) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }

    /// The state after one more failure.
    public func afterFailure(failures: Int, now: Int64) -> (failures: Int, lockedUntil: Int64?) {
        let n = failures + 1
        return (n, n >= maxFailures ? now + lockSeconds : nil)
    }
}
