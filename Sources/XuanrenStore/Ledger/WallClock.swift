import Foundation
import SelectionCore

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

/// The system's clock moved by a fixed offset: a rehearsal (`serve --demo --rehearsal-date`) runs as if today were
/// another day, so that a training session can walk a matter through periods counted in days.
public struct OffsetClock: WallClock {
    public let offset: TimeInterval
    public init(offset: TimeInterval) { self.offset = offset }
    /// A clock on which it is now 09:00 (Asia/Shanghai) on `day`.
    public init(startingAt day: CivilDay, from now: Date = Date()) {
        offset = TimeInterval(day.daysSinceEpoch) * 86_400 + 3_600 - now.timeIntervalSince1970
    }
    public var now: Date { Date().addingTimeInterval(offset) }
    public func sleep(seconds: Double) async throws { try await SystemClock().sleep(seconds: seconds) }
}
