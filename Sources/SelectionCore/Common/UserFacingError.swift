/// What kind of refusal an error is: mapped once to an HTTP status (web) and an exit code (CLI).
public enum ErrorKind: Sendable, Equatable {
    /// The input is wrong; the message names the field (400, exit 2).
    case badInput
    /// The acting user's grants do not cover this (403, exit 4).
    case forbidden
    /// Nothing of that name, or nothing this user may know of (404, exit 4).
    case notFound
    /// Not possible in the current state (409, exit 3).
    case conflict
    /// Too many attempts; try again later (429, exit 3).
    case locked

    public var httpStatus: Int {
        switch self {
        case .badInput: 400
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .locked: 429
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .badInput: 2
        case .forbidden, .notFound: 4
        case .conflict, .locked: 3
        }
    }
}

/// One protocol for every error a person may see: a kind and a message in each language.
public protocol UserFacingError: Error, Sendable {
    var kind: ErrorKind { get }
    func message(in language: Language) -> String
}

extension InvalidInput: UserFacingError {
    public var kind: ErrorKind { .badInput }
}

/// The acting user's grants do not cover what they asked for. The message never names what was refused.
public struct NotPermitted: UserFacingError, Equatable {
    public init() {}
    public var kind: ErrorKind { .forbidden }
    public func message(in language: Language) -> String {
        language == .zhHans ? "您没有权限进行此操作。" : "You are not permitted to do this."
    }
}

// The other errors of SelectionCore that a person sees (an uploaded file, a typed code, a ballot box given to
// `xuanren tally`): each is about the input, so each is bad input (400, exit 2). (`XMLProblem` reaches people
// inside `LRMX.Problem.xml`; its own `kind` names what is wrong with the XML.)
extension LRMX.Problem: UserFacingError {
    public var kind: ErrorKind { .badInput }
}

extension ResidentID.Problem: UserFacingError {
    public var kind: ErrorKind { .badInput }
}

extension VotingCode.ParseError: UserFacingError {
    public var kind: ErrorKind { .badInput }
}

extension BallotBoxError: UserFacingError {
    public var kind: ErrorKind { .badInput }
}
