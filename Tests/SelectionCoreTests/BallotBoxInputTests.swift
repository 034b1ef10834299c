import Foundation
import Testing
@testable import SelectionCore

/// Files that are not ballot boxes: exit 2 with one message naming the JSON path. Never a crash.
@Suite("Ballot box input errors")
struct BallotBoxInputTests {
    let valid = recommendationBox([("leaders", ["c1", "c2"]), ("staff", ["c3"])]).json()

    @Test("An empty file, truncated files and trailing data are refused")
    func truncation() {
        #expect(inputError("")?.problem == .emptyInput)
        #expect(inputError("   \n")?.problem == .emptyInput)
        for cut in [1, 10, valid.utf8.count / 2, valid.utf8.count - 3] {
            let part = String(decoding: Array(valid.utf8.prefix(cut)), as: UTF8.self)
            #expect(inputError(part) != nil, "cut at \(cut)")
        }
        #expect(inputError(valid + "{}")?.problem == .trailingData)
    }

    @Test("Wrong types, missing fields and unknown format or kind name their path")
    func types() {
        func replaced(_ a: String, _ b: String) -> BallotBoxError? { inputError(valid.replacingOccurrences(of: a, with: b)) }
        #expect(replaced("\"format\":\"xuanren.ballot-box/1\",", "") == BallotBoxError("$.format", .missing))
        #expect(replaced("xuanren.ballot-box/1", "xuanren.ballot-box/2") == BallotBoxError("$.format", .unknownFormat("xuanren.ballot-box/2")))
        #expect(replaced("\"kind\":\"weighted-recommendation\"", "\"kind\":\"raffle\"") == BallotBoxError("$.kind", .unknownKind("raffle")))
        #expect(replaced("\"kind\":\"weighted-recommendation\"", "\"kind\":7") == BallotBoxError("$.kind", .wrongType("string")))
        #expect(replaced("\"entitled\":3", "\"entitled\":\"3\"") == BallotBoxError("$.settings.categories[0].entitled", .wrongType("integer")))
        #expect(replaced("\"entitled\":3", "\"entitled\":-3") == BallotBoxError("$.settings.categories[0].entitled", .negative))
        #expect(replaced("\"entitled\":3", "\"entitled\":3.5") == BallotBoxError("$.settings.categories[0].entitled", .notInteger))
        #expect(replaced("\"entitled\":3", "\"entitled\":1e400") == BallotBoxError("$.settings.categories[0].entitled", .tooLarge))
        #expect(replaced("\"entitled\":3", "\"entitled\":99999999999999999999999") == BallotBoxError("$.settings.categories[0].entitled", .tooLarge))
        #expect(replaced("[\"c1\",\"c2\"]", "[\"c1\",2]") == BallotBoxError("$.ballots[0].ranking[1]", .wrongType("string")))
        #expect(replaced("{\"category\":\"staff\",\"ranking\":[\"c3\"]}", "{\"category\":\"staff\"}") == BallotBoxError("$.ballots[1].ranking", .missing))
        #expect(replaced("{\"id\":\"c2\",\"name\":\"c2\"}", "{\"id\":\"c1\",\"name\":\"c2\"}") == BallotBoxError("$.candidates[1].id", .duplicateCandidate("c1")))
        #expect(replaced("\"ballots\":[", "\"ballots\":{\"x\":[")?.path == "$.ballots")
    }

    @Test("Fractions are decimals with at most 6 places or {num, den}, between 0 and 1")
    func fractions() {
        func turnout(_ text: String) -> BallotBoxError? {
            inputError(valid.replacingOccurrences(of: "\"minTurnout\":{\"num\":4,\"den\":5}", with: "\"minTurnout\":\(text)"))
        }
        #expect(turnout("0.8") == nil)
        #expect(turnout("0.123456") == nil)
        #expect(turnout("0.1234567") == BallotBoxError("$.settings.minTurnout", .fractionFormat))
        #expect(turnout("8e-1") == BallotBoxError("$.settings.minTurnout", .fractionFormat))
        #expect(turnout("1.5") == BallotBoxError("$.settings.minTurnout", .fractionRange))
        #expect(turnout("{\"num\":2,\"den\":0}") == BallotBoxError("$.settings.minTurnout.den", .notPositive))
        #expect(turnout("\"0.8\"") == BallotBoxError("$.settings.minTurnout", .wrongType("fraction")))
    }

    @Test("Invalid UTF-8, bad escapes, control characters and deep nesting are refused")
    func bytes() {
        var b = Array(valid.utf8)
        let at = b.firstIndex(of: UInt8(ascii: "c"))!   // inside a string
        b[at] = 0xFF
        #expect(throws: BallotBoxError.self) { try tally(bytes: b) }
        #expect(inputError(valid.replacingOccurrences(of: "\"title\":\"test\"", with: "\"title\":\"a\\qb\""))?.problem == .syntax("a valid escape"))
        #expect(inputError(valid.replacingOccurrences(of: "\"title\":\"test\"", with: "\"title\":\"a\tb\""))?.path == "$.title")
        #expect(inputError(valid.replacingOccurrences(of: "\"title\":\"test\"", with: "\"title\":\"\\ud800\""))?.problem == .invalidUTF8)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(inputError(valid.replacingOccurrences(of: "\"title\":\"test\"", with: "\"extra\":\(deep)"))?.problem == .tooDeep(512))
        let deepSettings = String(repeating: "{\"a\":", count: 200) + "1" + String(repeating: "}", count: 200)
        #expect(inputError(valid.replacingOccurrences(of: "\"maxChoices\":3", with: "\"maxChoices\":3,\"x\":\(deepSettings)"))?.problem == .tooDeep(64))
        // escapes and CJK decode correctly in ids
        let esc = valid.replacingOccurrences(of: "\"c3\"", with: "\"\\u5f20\\u4e09\"")
        #expect(try! tally(esc).recommendationRows[2].candidate == "张三")
    }

    @Test("Messages are in zh-Hans or English and name the path")
    func messages() {
        let e = BallotBoxError("$.ballots[17].ranking[2]", .wrongType("string"))
        #expect(e.message(in: .en) == "not a valid ballot box: $.ballots[17].ranking[2]: wrong type, expected string")
        #expect(e.message(in: .zhHans) == "无效的票箱文件：$.ballots[17].ranking[2]：类型错误，应为字符串")
    }
}

@Suite("Ballot box limits")
struct BallotBoxLimitTests {
    @Test("A string longer than 1 MiB is refused, plain or with escapes; long files stream through the window")
    func longStrings() {
        let big = String(repeating: "x", count: 1_200_000)
        let box = recommendationBox([("leaders", ["c1"])]).json()
        #expect(inputError(box.replacingOccurrences(of: "\"title\":\"test\"", with: "\"title\":\"\(big)\""))?.problem == .stringTooLong)
        let escaped = String(repeating: "\\u5f20", count: 300_000)   // 1.8 MB of text
        #expect(inputError(box.replacingOccurrences(of: "\"title\":\"test\"", with: "\"title\":\"\(escaped)\""))?.problem == .stringTooLong)
        // a box larger than the 4 MiB window, header first: counted in one pass
        let many = recommendationBox(Array(repeating: ("staff", ["c2", "c1", "c3"]), count: 120_000),
                                     categories: [VoterCategory(id: "staff", weight: 1, entitled: 120_000)])
        let json = many.json()
        #expect(json.utf8.count > 4 << 20)
        let r = try! tally(json)
        #expect(r.cast == 120_000 && r.recommendationRows[1].firsts == 120_000)
    }
}
