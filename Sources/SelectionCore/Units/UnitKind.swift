/// Kinds of organization unit in a county's tree.
public enum UnitKind: String, Sendable, CaseIterable, Codable {
    case partyCommittee = "party-committee"   // 党委
    case organization = "organization"        // 组织部
    case discipline = "discipline"            // 纪委监委
    case bureau = "bureau"                    // 局、委、办
    case township = "township"                // 乡镇、街道
    case other = "other"

    public func title(in language: Language) -> String {
        switch (self, language) {
        case (.partyCommittee, .zhHans): "党委"
        case (.partyCommittee, .en): "Party committee"
        case (.organization, .zhHans): "组织部门"
        case (.organization, .en): "Organization department"
        case (.discipline, .zhHans): "纪检监察机关"
        case (.discipline, .en): "Discipline commission"
        case (.bureau, .zhHans): "政府部门"
        case (.bureau, .en): "Bureau"
        case (.township, .zhHans): "乡镇（街道）"
        case (.township, .en): "Township"
        case (.other, .zhHans): "其他"
        case (.other, .en): "Other"
        }
    }

    public static func parse(_ raw: String, field: String = "kind") throws(InvalidInput) -> UnitKind {
        guard let k = UnitKind(rawValue: raw) else { throw InvalidInput(field: field, .unknownValue(raw)) }
        return k
    }
}

/// Unit codes: short identifiers used in the CLI and URLs (`county`, `org`, `edu`…).
public enum UnitCode {
    static let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
    public static func check(_ raw: String) throws(InvalidInput) -> String {
        let code = raw.lowercased()
        if code.isEmpty { throw InvalidInput(field: "code", .required) }
        if code.count > 40 { throw InvalidInput(field: "code", .tooLong(max: 40)) }
        guard code.allSatisfy({ allowed.contains($0) }) else {
            throw InvalidInput(field: "code", .invalidCharacters(allowed: "a-z 0-9 -"))
        }
        return code
    }
}
