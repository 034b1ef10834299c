import FluentKit
import Foundation

extension Store {
    /// One entry by its sequence number (`xuanren ledger show --seq N`, and a line of a person's table checked
    /// against it), nil when there is none.
    public func ledgerEntry(seq: Int64) async throws -> LedgerEntry? {
        try await LedgerEntryRecord.find(seq, on: db)?.entry
    }
}
