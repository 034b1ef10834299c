import SelectionCore

/// What the ledger records about accounts (`Store+Accounts`, `Store+Custodians`). Stored strings: never change one.
public enum AccountLedgerAction: String, DescribedLedgerAction {
    case create = "account.create"
    case grant = "account.grant"
    /// A password set by an administrator or changed by its owner (never the password or its hash).
    case password = "account.password"
    /// Too many wrong passwords: the account name is locked for a while.
    case locked = "account.locked"
    /// A custodian key pair made for an account that had none (BAL-9).
    case custodianKey = "account.custodian-key"
    /// A role taken back from an account on a unit.
    case revoke = "account.revoke"
    /// An account disabled (it can no longer sign in; its sessions end) or enabled again.
    case disable = "account.disable"
    case enable = "account.enable"
}

extension AccountLedgerAction {
    /// In words (LED-1), for the selection record and the ledger pages.
    public func title(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .create: return zh ? "建立账号" : "account created"
        case .grant: return zh ? "授予角色" : "role granted"
        case .password: return zh ? "设置密码" : "password set"
        case .locked: return zh ? "账号暂时锁定" : "account locked for a while"
        case .custodianKey: return zh ? "生成监票人密钥" : "custodian key made"
        case .revoke: return zh ? "撤销角色" : "role revoked"
        case .disable: return zh ? "停用账号" : "account disabled"
        case .enable: return zh ? "启用账号" : "account enabled"
        }
    }
}
