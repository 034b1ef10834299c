import NIOPosix

/// The thread that reads uploads (inflating zips, XML, text decoding, reading sheets, checking rows): a pool
/// of its own, apart from the blocking-work pool that bcrypt and the registry scans use, so that a large or
/// hostile upload can delay other imports but never a sign-in.
public enum ImportWorkers {
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// Runs `body` on the import thread.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}
