import Foundation
import Leaf
import Prometheus
import SelectionCore
import Vapor
import XuanrenStore

struct StoreKey: StorageKey { typealias Value = Store }
struct HasherKey: StorageKey { typealias Value = BcryptHasher }
struct SettingsKey: StorageKey { typealias Value = AppSettings }

extension Application {
    public var xuanrenStore: Store {
        get { storage[StoreKey.self]! }
        set { storage[StoreKey.self] = newValue }
    }
    var hasher: BcryptHasher { storage[HasherKey.self]! }
    var settings: AppSettings { storage[SettingsKey.self]! }
    public var passwordHasher: any PasswordHashing { hasher }
}

/// Builds the Xuanren web application on a Vapor `Application`.
public enum XuanrenApp {
    /// Configures databases, migrations, sessions, views, middleware and routes.
    /// With `migrate`, runs the migrations now (serve does; tests do).
    public static func configure(_ app: Application, settings: AppSettings, migrate: Bool = true) async throws {
        try settings.database.precheck()
        _ = try AppSettings.publicURL(settings.publicURL)
        if let root = settings.rootDirectory {
            app.directory = DirectoryConfiguration(workingDirectory: root.hasSuffix("/") ? root : root + "/")
        }
        app.storage[SettingsKey.self] = settings
        app.storage[HasherKey.self] = BcryptHasher(cost: settings.bcryptCost)
        var catalog = try Catalog.load(from: app.directory.resourcesDirectory)
        catalog.index(views: app.directory.viewsDirectory)
        app.catalog = catalog
        app.storage[ReceiptPagesKey.self] = ReceiptPages()

        try registerDatabase(app, settings: settings)
        let key = try InstanceKey.loadOrCreate(path: settings.keyPath)
        var store = makeStore(app, ledger: Ledger(key: key, checkpointEvery: settings.checkpointEvery, clock: settings.clock))
        if case .sqlite(let path) = settings.database { store.sqlitePath = path }
        store.custodianKDFRounds = settings.custodianKDFRounds
        store.random = settings.random
        store.commonPasswords = try CommonPasswords.load(resourcesDirectory: app.directory.resourcesDirectory)
        store.holidays = try HolidayCalendar.load(resourcesDirectory: app.directory.resourcesDirectory)
        app.xuanrenStore = store
        if migrate { try await migrateDatabase(app) }

        // Views
        app.views.use(.leaf)
        app.leaf.cache.isEnabled = app.environment.isRelease

        // Sessions in the database, cookie HttpOnly + SameSite=Lax (+ Secure behind TLS)
        let secure = settings.secureCookies
        app.sessions.configuration = SessionsConfiguration(cookieName: "xuanren-session") { id in
            HTTPCookies.Value(string: id.string, expires: nil, maxAge: nil, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
        let lifetime = settings.sessionSeconds
        app.sessions.use { _ in DatabaseSessions(lifetime: lifetime) }

        // Middleware: errors → pages; static files; sessions; user; access (deny by default); CSRF.
        app.middleware = .init()
        app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
        app.middleware.use(PageErrorMiddleware())
        app.middleware.use(SecurityHeadersMiddleware())
        app.middleware.use(PublicFiles(files: FileMiddleware(publicDirectory: app.directory.publicDirectory)))
        app.middleware.use(SessionsUnlessSessionless(sessions: app.sessions.middleware))
        app.middleware.use(UserLoader())
        app.middleware.use(AccessMiddleware())
        app.middleware.use(CSRFMiddleware())

        app.routes.defaultMaxBodySize = "2mb"
        try routes(app)
    }

    static func routes(_ app: Application) throws {
        try app.register(collection: PublicController())
        try app.register(collection: AuthController())
        try app.register(collection: DashboardController())
        try app.register(collection: AdminController())
        try app.register(collection: LedgerController())
        try app.register(collection: RegistryController())
        try app.register(collection: ImportController())
        try app.register(collection: QualifyController())
        try app.register(collection: ReserveController())
        try app.register(collection: RegistrySettingsController())
        try app.register(collection: BallotController())
        try app.register(collection: PanelController())
        try app.register(collection: MatterController())
        try app.register(collection: DisclosureController())
        try app.register(collection: InspectionController())
        try app.register(collection: RecordController())
        try app.register(collection: CommitteeController())
        try app.register(collection: PublicityController())
        try app.register(collection: CompetitionController())
        try app.register(collection: ApplicantController())
        app.storage[ReportOnceKey.self] = ReportOnce()
        try app.register(collection: CaseController())
        try app.register(collection: SurveyController())
        try app.register(collection: CheckController())
        try app.register(collection: PledgeController())
    }

    /// Creates the first administrator when there is no account at all; returns its one-time password.
    public static func bootstrapAdmin(_ app: Application) async throws -> String? {
        let store = app.xuanrenStore
        if try await store.accountCount() > 0 { return nil }
        if try await store.units().isEmpty {
            try await store.createUnit(code: "root", name: "本级单位", kind: UnitKind.other.rawValue, parentCode: nil, actor: "system")
        }
        let unit = try await store.units()[0].code
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ")
        let password = String((0 ..< 12).map { _ in alphabet.randomElement(using: &g)! }) + String(Int.random(in: 10 ... 99, using: &g))
        try await store.createAccount(username: "admin", displayName: "系统管理员", password: password, mustChangePassword: true,
                                      actor: "system", hasher: app.passwordHasher)
        try await store.grant(username: "admin", role: Role.admin.rawValue, unitCode: unit, actor: "system")
        return password
    }
}

/// Static files are asked for only by paths whose last part has a dot (`/css/site.css`): no file-system
/// look-up for every page and every ballot.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.method == .GET || req.method == .HEAD, req.url.path.split(separator: "/").last?.contains(".") == true else {
            return try await next.respond(to: req)
        }
        return try await files.respond(to: req, chainingTo: next)
    }
}

struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
        return res
    }
}
