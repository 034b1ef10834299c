/// Every path of the site, used both to register routes and to build links.
enum SiteURL {
    static let home = "/"
    static let login = "/login"
    static let logout = "/logout"
    static let password = "/account/password"
    static let dashboard = "/dashboard"
    static let language = "/lang"
    static let ledgerPublic = "/ledger"
    static let ledgerCheckpoint = "/ledger/checkpoint.json"
    static let ledgerFeed = "/ledger/checkpoints.atom"
    static let ledgerEntries = "/ledger/entries"
    static let ledgerSign = "/ledger/checkpoint"
    static let units = "/admin/units"
    static let accounts = "/admin/accounts"
    static let accountGrant = "/admin/accounts/grant"
    static let cadres = "/registry/cadres"
    static let healthz = "/healthz"
    static let metrics = "/metrics"

    static func components(_ path: String) -> [PathComponentString] {
        path.split(separator: "/").map(String.init)
    }
}
typealias PathComponentString = String
