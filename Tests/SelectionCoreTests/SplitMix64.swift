/// The tests' seeded generator (SplitMix64): the same seed gives the same sequence, so a failing random run can be
/// replayed. Shared by the sealing, matter and decision property tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(state: UInt64) { self.state = state }
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
    mutating func chance(_ percent: Int) -> Bool { int(0 ... 99) < percent }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0 ... xs.count - 1)] }
}
