/// What a ledger entry records, as the string stored in it (`ballot.session.create`). Each area declares its
/// actions in one enum beside its store code — `AccountLedgerAction`, `UnitLedgerAction`, `BallotLedgerAction`,
/// `RegistryLedgerAction`, `LedgerLedgerAction` — and `LedgerEvent` takes only such a value, so no call site writes
/// a free string.
///
/// A raw value is part of every entry's hash and of what readers (the registry history, `xuanren verify`, the box
/// check) look for: it never changes. A new action is a new case.
public protocol LedgerAction: Sendable, RawRepresentable where RawValue == String {}
