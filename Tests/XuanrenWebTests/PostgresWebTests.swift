import Testing
import XuanrenTestSupport

/// The web tests again, on PostgreSQL (skipped, visibly, without `XUANREN_TEST_DATABASE_URL`).
@Suite("Web on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct PostgresWebTests {
    let login = LoginTests(db: .postgres)
    let access = AccessTests(db: .postgres)

    @Test("Deny by default: undeclared route refused (PostgreSQL)") func undeclared() async throws { try await access.undeclaredRouteIsRefused() }
    @Test("Roles checked (PostgreSQL)") func roles() async throws { try await access.rolesAreChecked() }
    @Test("CSRF required (PostgreSQL)") func csrf() async throws { try await login.csrfRequired() }
    @Test("Forced password change (PostgreSQL)") func forced() async throws { try await login.forcedPasswordChange() }
    @Test("Session cookie flags and renewal (PostgreSQL)") func cookies() async throws { try await login.cookieFlags() }
    @Test("Login throttling (PostgreSQL)") func throttling() async throws { try await login.throttling() }
    @Test("Bad input, nothing written (PostgreSQL)") func badInput() async throws { try await login.badInput() }
    @Test("Signed checkpoint download (PostgreSQL)") func metrics() async throws { try await login.metrics() }
}

@Suite("Ballots over HTTP on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct PostgresBallotWebTests {
    @Test("BAL-9 every kind over HTTP (PostgreSQL)") func allKinds() async throws { try await BallotWebTests(db: .postgres).allKinds() }
    @Test("BAL-9 paper ballots of every kind (PostgreSQL)") func paperEveryKind() async throws { try await BallotWebTests(db: .postgres).paperEveryKind() }
}

@Suite("The voters' path on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct PostgresVotingPathTests {
    let path = VotingPathTests(db: .postgres)
    @Test("BAL-1 sessionless voting, own tracking codes (PostgreSQL)") func sessionless() async throws { try await path.sessionlessVoting() }
    @Test("Cross-site voting posts refused (PostgreSQL)") func crossSite() async throws { try await path.crossSitePostsRefused() }
    @Test("Closed while voting (PostgreSQL)") func closed() async throws { try await path.closedWhileVoting() }
    @Test("CAS-4 without tracking codes (PostgreSQL)") func noTracking() async throws { try await path.withoutTrackingCodes() }
}

@Suite("BAL-5 double majority on PostgreSQL", .enabled(if: TestDatabase.postgresAvailable, "set XUANREN_TEST_DATABASE_URL to run on PostgreSQL"))
struct PostgresDoubleMajorityTests {
    @Test("BAL-5 paired sessions (PostgreSQL)") func paired() async throws { try await DoubleMajorityWebTests(db: .postgres).pairedSessions() }
    @Test("BAL-5 pair and disclosure (PostgreSQL)") func disclosure() async throws { try await DoubleMajorityWebTests(db: .postgres).pairRespectsDisclosure() }
}
