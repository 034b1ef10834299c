/// Where the store's chance comes from: voting codes, tracking codes, the order of the ballots in a box (online
/// ones at closing, paper ones at acceptance) and draws. Injected like the ledger's clock (`WallClock`), so that
/// tests can give a store a seeded source and get the same codes and orders on every run.
///
/// A store uses `SystemRandomSource` — the operating system's CSPRNG, `SystemRandomNumberGenerator` — unless it is
/// given another; the web app and the command line never give another. Key material never comes from here, whatever
/// a store is given: session keys, secret shares, salts, nonces and row ids always use the system generator (or
/// CryptoKit's).
public protocol RandomSource: Sendable {
    /// 64 random bits. Called from any task at any time.
    func next() -> UInt64
}

extension RandomSource {
    /// A generator drawing from this source, for the standard library's `random(in:using:)`, `shuffle(using:)` etc.
    public func generator() -> RandomSourceGenerator { RandomSourceGenerator(source: self) }
}

/// A `RandomNumberGenerator` view of a `RandomSource`.
public struct RandomSourceGenerator: RandomNumberGenerator {
    let source: any RandomSource
    public mutating func next() -> UInt64 { source.next() }
}

/// The operating system's cryptographically secure generator: what every store uses unless a test gives another.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func next() -> UInt64 {
        var g = SystemRandomNumberGenerator()
        return g.next()
    }
}
