import Vapor
import XuanrenStore

public struct BcryptHasher: PasswordHashing {
    public init(cost: Int) { self.cost = cost }
    var cost: Int
    public func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }
    public func verify(_ password: String, created hash: String) throws -> Bool { try Bcrypt.verify(password, created: hash) }
}
