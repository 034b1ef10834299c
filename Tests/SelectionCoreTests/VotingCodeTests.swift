import Testing
@testable import SelectionCore

@Suite("Voting codes and panel draws")
struct VotingCodeTests {
    @Test("Voting codes carry 65 random bits in 13 symbols plus a check symbol, printed in groups")
    func shape() {
        var rng = SeededGenerator(seed: 1)
        let codes = (0 ..< 2000).map { _ in VotingCode.generate(using: &rng) }
        #expect(Set(codes).count == 2000)
        for c in codes {
            #expect(c.canonical.count == 14)
            #expect(c.grouped.count == 17)
            #expect(c.canonical.allSatisfy { VotingCode.alphabet.contains($0) })
            #expect(try! VotingCode.parse(c.grouped) == c)
            #expect(try! VotingCode.parse(c.canonical.lowercased()) == c)
        }
    }

    @Test("Typing forgiveness: O for 0, I or L for 1, spaces and hyphens ignored")
    func forgiving() throws {
        var rng = SeededGenerator(seed: 2)
        var code = VotingCode.generate(using: &rng)
        while !code.canonical.contains("0") && !code.canonical.contains("1") { code = VotingCode.generate(using: &rng) }
        let typed = code.grouped.replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "l").replacingOccurrences(of: "-", with: " ")
        #expect(try VotingCode.parse(typed) == code)
    }

    @Test("Every single mistyped symbol is caught by the check symbol, and nearly every swap of neighbours")
    func checkSymbol() {
        var rng = SeededGenerator(seed: 3)
        var swapsCaught = 0, swaps = 0
        for _ in 0 ..< 50 {
            let code = VotingCode.generate(using: &rng)
            let chars = Array(code.canonical)
            for i in chars.indices {
                for c in VotingCode.alphabet where c != chars[i] {
                    var t = chars; t[i] = c
                    #expect(throws: VotingCode.ParseError.checkFailed) { try VotingCode.parse(String(t)) }
                }
                if i + 1 < chars.count && chars[i] != chars[i + 1] {
                    var t = chars; t.swapAt(i, i + 1)
                    swaps += 1
                    if (try? VotingCode.parse(String(t))) == nil { swapsCaught += 1 }
                }
            }
        }
        #expect(swapsCaught * 100 >= swaps * 99)
        #expect(throws: VotingCode.ParseError.wrongLength(3)) { try VotingCode.parse("ABC") }
        #expect(throws: VotingCode.ParseError.badCharacter("U")) { try VotingCode.parse("UUUU-UUUU-UUUU-UU") }
    }

    @Test("BAL-2 a panel drawn by lot is reproducible from its seed and has no repeats")
    func panelDraw() {
        let pool = (1 ... 40).map { "代表\($0)" }
        let a = PanelDraw.draw(from: pool, count: 12, seed: 20261123)
        #expect(a == PanelDraw.draw(from: pool, count: 12, seed: 20261123))
        #expect(a != PanelDraw.draw(from: pool, count: 12, seed: 20261124))
        #expect(Set(a).count == 12 && a.allSatisfy(pool.contains))
        #expect(PanelDraw.draw(from: pool, count: 99, seed: 1).count == 40)
    }
}
