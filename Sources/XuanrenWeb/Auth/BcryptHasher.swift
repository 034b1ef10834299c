import NIOPosix
import Vapor
import XuanrenStore

/// Bcrypt on the blocking-work thread pool: a sign-in never holds up an event loop (tasks run on them).
public struct BcryptHasher: PasswordHashing {
    public init(cost: Int) { self.cost = cost }
    var cost: Int
    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }
    public func verify(_ password: String, created hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { try Bcrypt.verify(password, created: hash) }
    }
}
