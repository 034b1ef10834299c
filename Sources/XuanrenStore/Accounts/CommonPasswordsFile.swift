import Foundation
import SelectionCore

extension CommonPasswords {
    /// The list's file name inside `Resources/`.
    public static let fileName = "common-passwords.txt"

    /// Reads the list from a `Resources/` folder (a path ending in `/`); a missing or unreadable list is a
    /// configuration error, never a silently weaker password rule.
    public static func load(resourcesDirectory: String) throws -> CommonPasswords {
        let path = resourcesDirectory + fileName
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("missing list of common passwords \(path) (run from the folder holding Resources/, or set XUANREN_ROOT)")
        }
        let list = CommonPasswords(text: text)
        if list.count == 0 { throw ConfigurationError("the list of common passwords \(path) is empty") }
        return list
    }
}
