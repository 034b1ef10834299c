import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore
import XuanrenWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts. 管理账号。",
                                                    subcommands: [Add.self, List.self, Passwd.self, Grant.self])

    static func readPassword(_ given: String?) -> String {
        if let given { return given }
        if let env = ProcessInfo.processInfo.environment["XUANREN_PASSWORD"] { return env }
        FileHandle.standardError.write(Data("password: ".utf8))
        return readLine(strippingNewline: true) ?? ""
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account (must change its password at first login).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "User name (a-z 0-9 . _ -).") var username: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Initial password (default: $XUANREN_PASSWORD or prompt).") var password: String?
        @Option(help: "Grant this role right away (admin, organizer, committee, grader, judge, inspector, supervisor, clerk).") var role: String?
        @Option(help: "Unit code for --role.") var unit: String?

        func run() async throws {
            let pw = UserCommand.readPassword(password)
            let common = XuanrenCLI.commonPasswords()
            await XuanrenCLI.withStore(database) { store, _ in
                var store = store
                store.commonPasswords = common
                try await store.createAccount(username: username, displayName: name, password: pw, actor: "cli", hasher: BcryptHasher(cost: 11))
                if let role {
                    guard let unit else { throw InvalidInput(field: "unit", .required) }
                    try await store.grant(username: username, role: role, unitCode: unit, actor: "cli")
                }
                print("account \(username.lowercased()) created")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts and their roles.")
        @OptionGroup var database: DatabaseOptions
        func run() async throws {
            await XuanrenCLI.withStore(database, needKey: false) { store, _ in
                let lang = XuanrenCLI.language
                for a in try await store.accounts() {
                    let grants = a.grants.map { "\($0.role.rawValue)@\($0.unitCode)" }.joined(separator: ",")
                    let flags = (a.mustChangePassword ? " [must-change-password]" : "") + (a.disabled ? " [disabled]" : "")
                    print("\(a.username)\t\(a.displayName)\t\(grants.isEmpty ? "-" : grants)\(flags)")
                    _ = lang
                }
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password (the user must change it at next login).")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Option var password: String?
        func run() async throws {
            let pw = UserCommand.readPassword(password)
            let common = XuanrenCLI.commonPasswords()
            await XuanrenCLI.withStore(database) { store, _ in
                var store = store
                store.commonPasswords = common
                // every session of the account ends with the reset
                try await store.setPassword(username: username, newPassword: pw, mustChange: true, actor: "cli", hasher: BcryptHasher(cost: 11))
                print("password of \(username.lowercased()) set; it must be changed at next login")
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Grant a role on a unit.")
        @OptionGroup var database: DatabaseOptions
        @Argument var username: String
        @Argument(help: "admin, organizer, committee, grader, judge, inspector, supervisor, clerk") var role: String
        @Option(help: "Unit code.") var unit: String
        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                try await store.grant(username: username, role: role, unitCode: unit, actor: "cli")
                print("granted \(role) on \(unit) to \(username.lowercased())")
            }
        }
    }
}

struct UnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unit", abstract: "Manage organization units. 管理单位。", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a unit.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Unit code (a-z 0-9 -).") var code: String
        @Option(help: "Unit name.") var name: String
        @Option(help: "party-committee, organization, discipline, bureau, township, other") var kind = "bureau"
        @Option(help: "Parent unit code.") var parent: String?
        func run() async throws {
            await XuanrenCLI.withStore(database) { store, _ in
                try await store.createUnit(code: code, name: name, kind: kind, parentCode: parent, actor: "cli")
                print("unit \(code.lowercased()) created")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List units as a tree.")
        @OptionGroup var database: DatabaseOptions
        func run() async throws {
            await XuanrenCLI.withStore(database, needKey: false) { store, _ in
                for u in try await store.units() {
                    print(String(repeating: "  ", count: u.depth) + "\(u.code)\t\(u.name)\t\(u.kind.rawValue)")
                }
            }
        }
    }
}
