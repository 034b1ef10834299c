/// What the ledger records about accounts (`Store+Accounts`, `Store+Custodians`). Stored strings: never change one.
public enum AccountLedgerAction: String, LedgerAction, CaseIterable {
    case create = "account.create"
    case grant = "account.grant"
    /// A password set by an administrator or changed by its owner (never the password or its hash).
    case password = "account.password"
    /// Too many wrong passwords: the account name is locked for a while.
    case locked = "account.locked"
    /// A custodian key pair made for an account that had none (BAL-9).
    case custodianKey = "account.custodian-key"
}
