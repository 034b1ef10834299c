import Testing
import SelectionCore

@Suite("Credentials")
struct CredentialsTests {
    let common = CommonPasswords(text: "# a comment\n\npassword12\n1234567890\r\nqwertyuiop\n  admin12345  \nwoaini1314\n")

    @Test("Passwords: at least 10 characters with letters and digits, not the user name, not a common password (any case)")
    func passwordRules() {
        #expect(common.count == 5)
        for (weak, problem) in [("short1", InvalidInput.Problem.weakPassword), ("abcdefghij", .weakPassword), ("1234567890", .weakPassword),
                                ("zhouming12", .weakPassword), ("password12", .commonPassword), ("PassWord12", .commonPassword),
                                ("ADMIN12345", .commonPassword), ("WoAiNi1314", .commonPassword), ("", .required)] {
            #expect(throws: InvalidInput(field: "newPassword", problem), "\(weak)") {
                try Credentials.checkNewPassword(weak, username: "zhouming12", common: common)
            }
        }
        for good in ["Demo-2026-xr", "Password12!x", "woaini1314x"] {
            #expect(throws: Never.self, "\(good)") { try Credentials.checkNewPassword(good, username: "zhou", common: common) }
        }
        #expect(Credentials.minPasswordLength >= 10)
        // without a list only the length and character rules apply
        #expect(throws: Never.self) { try Credentials.checkNewPassword("password12", username: "zhou", common: .none) }
    }
}
