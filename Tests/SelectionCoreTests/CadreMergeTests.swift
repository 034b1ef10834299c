import Foundation
import Testing
@testable import SelectionCore

@Suite("Merging an imported file")
struct CadreMergeTests {
    @Test("REG-1 a merge takes the parts the import carries and keeps every part it leaves empty")
    func keepsWhatTheImportDidNotCarry() {
        let registered = sampleFile()
        var sheet = CadreFile()  // a sheet row: a few columns only
        sheet.name = "林晓兰"; sheet.residentID = registered.residentID; sheet.birth = "1983.06"; sheet.fullTime.level = "硕士研究生"
        let merged = registered.merged(with: sheet)
        #expect(merged.name == "林晓兰" && merged.birth == "1983.06")
        #expect(merged.fullTime == CadreFile.Education(level: "硕士研究生", degree: registered.fullTime.degree,
                                                        levelSchool: registered.fullTime.levelSchool, degreeSchool: registered.fullTime.degreeSchool))
        #expect(merged.resume == registered.resume && merged.family == registered.family && merged.assessments == registered.assessments)
        #expect(merged.assessmentText == registered.assessmentText && merged.photo == registered.photo && merged.inService == registered.inService)
        // a full file replaces everything it holds; merging a file into itself changes nothing
        #expect(CadreFile().merged(with: registered) == registered)
        #expect(registered.merged(with: registered) == registered)
        #expect(registered.merged(with: CadreFile()) == registered)
    }

    @Test("REG-1 every text part of a file takes part in a merge (none is forgotten when parts are added)")
    func everyTextPartMerges() throws {
        // every text of one file "old", of the other "new" (the grades' text goes with the grades)
        func filled(_ value: String) throws -> CadreFile {
            var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(CadreFile())) as! [String: Any]
            for (k, v) in json where v is String { json[k] = value }
            return try JSONDecoder().decode(CadreFile.self, from: JSONSerialization.data(withJSONObject: json))
        }
        let merged = try filled("old").merged(with: filled("new"))
        let out = try JSONSerialization.jsonObject(with: JSONEncoder().encode(merged)) as! [String: Any]
        for (k, v) in out where v is String {
            #expect((v as! String) == (k == "assessmentText" ? "old" : "new"), "\(k)")
        }
    }
}
