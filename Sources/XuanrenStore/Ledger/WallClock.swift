import Foundation

/// The time the ledger stamps entries with and the anchoring task waits on. Injected so that tests can
/// move time forward instead of waiting (see `ManualClock` in the test support).
public protocol WallClock: Sendable {
    var now: Date { get }
    /// Waits `seconds` of this clock's time; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// The system's clock.
public struct SystemClock: WallClock {
    public init() {}
    public var now: Date { Date() }
    public func sleep(seconds: Double) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
