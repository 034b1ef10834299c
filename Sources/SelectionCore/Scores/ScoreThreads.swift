import Dispatch

/// Fast path (benchmark: `scripts/bench-score.sh`): work on a large sheet split over two threads, for the parts
/// whose halves do not depend on each other (formatting the result's lines, checking and scoring applicants).
enum ScoreThreads {
    /// Fewer applicants than this are checked and scored by one thread: a second would not pay for its start.
    static let minimumRows = 16_384

    /// Runs `work(0)` and `work(1)` at once, on the calling thread and one more (or one after the other when no
    /// other thread is free); returns when both are done.
    static func both(_ work: @Sendable (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: 2, execute: work)
    }
}

/// A pointer handed to the two halves of `ScoreThreads.both`, each writing only its own part of what it points to.
struct SharedPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
    subscript(_ i: Int) -> T {
        get { pointer[i] }
        nonmutating _modify { yield &pointer[i] }
    }
}
