import SelectionCore
import Synchronization
import XuanrenStore

/// A reproducible `RandomSource` for tests (SplitMix64 from a seed): the same seed gives the same voting codes,
/// tracking codes and shuffles. Never for secrets.
public final class SeededRandomSource: RandomSource {
    private let state: Mutex<SeededGenerator>
    public init(seed: UInt64) { state = Mutex(SeededGenerator(seed: seed)) }
    public func next() -> UInt64 { state.withLock { $0.next() } }
}
