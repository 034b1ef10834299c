import Foundation
import Synchronization
import XuanrenStore

/// A clock that moves only when a test says so: `sleep` returns once `advance` has moved the time past its
/// deadline. `advance` then waits (briefly, in real time) until every woken sleeper has gone back to sleep
/// or finished, so a test sees the effect of one look of a background task before it checks.
public final class ManualClock: WallClock, Sendable {
    struct Sleeper { var id: Int; var deadline: Date; var continuation: CheckedContinuation<Void, any Error> }
    struct State { var now: Date; var sleepers: [Sleeper] = []; var nextID = 0; var woken = 0 }
    private let state: Mutex<State>

    public init(start: Date = Date()) { state = Mutex(State(now: start)) }

    public var now: Date { state.withLock { $0.now } }

    /// How many tasks are waiting on this clock.
    public var sleeping: Int { state.withLock { $0.sleepers.count } }

    public func sleep(seconds: Double) async throws {
        let id = state.withLock { s in s.nextID += 1; return s.nextID }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = state.withLock { s in
                    s.woken = max(0, s.woken - 1)   // a woken sleeper is back
                    if seconds <= 0 { return true }
                    s.sleepers.append(Sleeper(id: id, deadline: s.now.addingTimeInterval(seconds), continuation: c))
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let c = state.withLock { s -> CheckedContinuation<Void, any Error>? in
                guard let i = s.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return s.sleepers.remove(at: i).continuation
            }
            c?.resume(throwing: CancellationError())
        }
    }

    /// Waits (up to `timeout` seconds of real time) until `count` tasks sleep on this clock.
    public func waitForSleepers(_ count: Int = 1, timeout: Double = 10) async -> Bool {
        let until = Date().addingTimeInterval(timeout)
        while Date() < until {
            if sleeping >= count { return true }
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        return false
    }

    /// Moves the time forward and wakes the sleepers whose deadline has come; then waits up to `settle` seconds
    /// of real time for them to sleep again (a background loop's next wait) or end.
    public func advance(by seconds: Double, settle: Double = 10) async {
        let (due, expectedBack) = state.withLock { s -> ([CheckedContinuation<Void, any Error>], Int) in
            s.now = s.now.addingTimeInterval(seconds)
            let now = s.now
            let due = s.sleepers.filter { $0.deadline <= now }
            s.sleepers.removeAll { $0.deadline <= now }
            s.woken += due.count
            return (due.map(\.continuation), s.sleepers.count + due.count)
        }
        for c in due { c.resume() }
        guard !due.isEmpty else { return }
        let until = Date().addingTimeInterval(settle)
        while Date() < until {
            if state.withLock({ $0.sleepers.count >= expectedBack || $0.woken == 0 }) { return }
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
    }
}
