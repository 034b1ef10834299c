import FluentKit

/// Applicant accounts (ELG-8, EXM-9): one per person who registered through the public form, keyed by the HMAC of
/// the identity number the registrations already store (never the number). A registration opens the account with a
/// one-time activation code, kept only as an HMAC; the applicant sets a password with it at the first sign-in
/// (bcrypt, like staff accounts). Failed sign-ins and activations are counted on the row, as for staff accounts.
struct M025ApplicantAccounts: AsyncMigration {
    var name: String { "025_ApplicantAccounts" }
    func prepare(on db: any Database) async throws {
        try await db.schema("applicant_accounts").id()
            .field("resident_hmac", .string, .required)
            .field("code_hmac", .string)
            .field("password_hash", .string)
            .field("failed_logins", .int, .required)
            .field("locked_until", .int64)
            .field("created_at", .int64, .required)
            .field("activated_at", .int64)
            .unique(on: "resident_hmac")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema("applicant_accounts").delete()
    }
}
