/// A rule that does not hold, in words, with the rule's ID: what a guard or a gate says when it refuses.
public struct Refusal: Sendable, Equatable, Codable {
    public var rule: String
    public var zh: String
    public var en: String
    public init(_ rule: String, zh: String, en: String) { self.rule = rule; self.zh = zh; self.en = en }
    public func text(in l: Language) -> String { l == .zhHans ? zh : en }
}
