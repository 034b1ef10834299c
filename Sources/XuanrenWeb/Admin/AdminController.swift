import SelectionCore
import Vapor
import XuanrenStore

/// Units and accounts (system administrators only).
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AdminRoute.units, use: units)
        routes.on(AdminRoute.createUnit, use: createUnit)
        routes.on(AdminRoute.accounts, use: accounts)
        routes.on(AdminRoute.createAccount, use: createAccount)
        routes.on(AdminRoute.grant, use: grant)
        routes.on(AdminRoute.revoke, use: revoke)
        routes.on(AdminRoute.disable, use: disable)
    }

    struct UnitRow: Encodable { var code: String; var name: String; var kind: String; var indent: Int }
    struct Option: Encodable { var value: String; var label: String }
    struct UnitsModel: Encodable { var units: [UnitRow]; var kinds: [Option]; var form: UnitForm; var action = AdminRoute.createUnit.path }
    struct UnitForm: Content { var code: String; var name: String; var kind: String; var parent: String? }

    func unitsModel(_ req: Request, form: UnitForm = UnitForm(code: "", name: "", kind: UnitKind.bureau.rawValue, parent: nil)) async throws -> UnitsModel {
        let lang = req.language
        let list = try await req.store.units()
        return UnitsModel(units: list.map { UnitRow(code: $0.code, name: $0.name, kind: $0.kind.title(in: lang), indent: $0.depth) },
                          kinds: UnitKind.allCases.map { Option(value: $0.rawValue, label: $0.title(in: lang)) }, form: form)
    }

    func units(req: Request) async throws -> Response {
        try await req.page("admin-units", titleKey: "units_title", try await unitsModel(req))
    }

    func createUnit(req: Request) async throws -> Response {
        let form = try req.form(UnitForm.self)
        do {
            try await req.store.createUnit(code: form.code, name: form.name, kind: form.kind, parentCode: form.parent, actor: req.user!.username)
        } catch let e as InvalidInput {
            return try await req.page("admin-units", titleKey: "units_title", try await unitsModel(req, form: form),
                                      error: e.message(in: req.language), status: .badRequest)
        }
        req.flash("units_created")
        return req.redirect(to: AdminRoute.units)
    }

    struct GrantRow: Encodable { var label: String; var role: String; var unit: String }
    struct AccountRow: Encodable { var username: String; var displayName: String; var grants: [GrantRow]; var mustChange: Bool; var disabled: Bool; var isSelf: Bool }
    struct AccountsModel: Encodable {
        var accounts: [AccountRow]; var roles: [Option]; var units: [Option]; var form: AccountForm
        var createAction = AdminRoute.createAccount.path; var grantAction = AdminRoute.grant.path
        var revokeAction = AdminRoute.revoke.path; var disableAction = AdminRoute.disable.path
    }
    struct AccountForm: Content { var username: String; var displayName: String; var password: String; var role: String?; var unit: String? }
    struct GrantForm: Content { var username: String; var role: String; var unit: String }

    func accountsModel(_ req: Request, form: AccountForm = AccountForm(username: "", displayName: "", password: "", role: nil, unit: nil)) async throws -> AccountsModel {
        let lang = req.language
        let list = try await req.store.accounts()
        let units = try await req.store.units()
        return AccountsModel(
            accounts: list.map { a in
                AccountRow(username: a.username, displayName: a.displayName,
                           grants: a.grants.map { GrantRow(label: "\($0.role.title(in: lang)) · \($0.unitName)", role: $0.role.rawValue, unit: $0.unitCode) },
                           mustChange: a.mustChangePassword, disabled: a.disabled, isSelf: a.username == req.user?.username)
            },
            roles: Role.allCases.map { Option(value: $0.rawValue, label: $0.title(in: lang)) },
            units: units.map { Option(value: $0.code, label: String(repeating: "　", count: $0.depth) + $0.name) },
            form: AccountForm(username: form.username, displayName: form.displayName, password: "", role: form.role, unit: form.unit))
    }

    func accounts(req: Request) async throws -> Response {
        try await req.page("admin-accounts", titleKey: "accounts_title", try await accountsModel(req))
    }

    func createAccount(req: Request) async throws -> Response {
        let form = try req.form(AccountForm.self)
        let store = req.store
        let actor = req.user!.username
        do {
            if let role = form.role, !role.isEmpty, Role(rawValue: role) == nil { throw InvalidInput(field: "role", .unknownValue(role)) }
            try await store.createAccount(username: form.username, displayName: form.displayName, password: form.password,
                                          mustChangePassword: true, actor: actor, hasher: req.application.hasher)
            if let role = form.role, !role.isEmpty, let unit = form.unit, !unit.isEmpty {
                try await store.grant(username: form.username, role: role, unitCode: unit, actor: actor)
            }
        } catch let e as InvalidInput {
            return try await req.page("admin-accounts", titleKey: "accounts_title", try await accountsModel(req, form: form),
                                      error: e.message(in: req.language), status: .badRequest)
        }
        req.flash("accounts_created")
        return req.redirect(to: AdminRoute.accounts)
    }

    func grant(req: Request) async throws -> Response {
        let form = try req.form(GrantForm.self)
        do {
            try await req.store.grant(username: form.username, role: form.role, unitCode: form.unit, actor: req.user!.username)
        } catch let e as InvalidInput {
            return try await req.page("admin-accounts", titleKey: "accounts_title", try await accountsModel(req),
                                      error: e.message(in: req.language), status: .badRequest)
        }
        req.flash("accounts_granted")
        return req.redirect(to: AdminRoute.accounts)
    }

    func revoke(req: Request) async throws -> Response {
        let form = try req.form(GrantForm.self)
        do {
            try await req.store.revoke(username: form.username, role: form.role, unitCode: form.unit, actor: req.user!.username)
        } catch let e as InvalidInput {
            return try await req.page("admin-accounts", titleKey: "accounts_title", try await accountsModel(req), error: e.message(in: req.language), status: .badRequest)
        }
        req.flash("accounts_revoked")
        return req.redirect(to: AdminRoute.accounts)
    }

    /// Disables (`disabled=1`) or enables an account; disabling needs the confirmation box.
    func disable(req: Request) async throws -> Response {
        struct Form: Content { var username: String; var disabled: String; var confirm: String? }
        let form = try req.form(Form.self)
        do {
            let disabling = form.disabled == "1"
            if disabling, form.confirm == nil { throw InvalidInput(field: "confirm", .required) }
            try await req.store.setDisabled(username: form.username, disabling, actor: req.user!.username)
        } catch let e as InvalidInput {
            return try await req.page("admin-accounts", titleKey: "accounts_title", try await accountsModel(req), error: e.message(in: req.language), status: .badRequest)
        }
        req.flash("accounts_saved")
        return req.redirect(to: AdminRoute.accounts)
    }
}
