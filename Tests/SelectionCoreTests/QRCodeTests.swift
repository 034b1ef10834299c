import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SelectionCore

@Suite("QR codes")
struct QRCodeTests {
    // MARK: - Known answers

    @Test("QR: format information for level M, masks 0–7 (ISO/IEC 18004 annex C)")
    func formatBitsM() {
        let expected = [
            "101010000010010", "101000100100101", "101111001111100", "101101101001011",
            "100010111111001", "100000011001110", "100111110010111", "100101010100000",
        ]
        for mask in 0 ..< 8 {
            #expect(Self.binary(QRCode.formatBits(.medium, mask: mask), width: 15) == expected[mask], "mask \(mask)")
        }
    }

    @Test("QR: format information for levels L, Q and H")
    func formatBitsOtherLevels() {
        let expected: [QRCode.Correction: [String]] = [
            .low: ["111011111000100", "111001011110011", "111110110101010", "111100010011101",
                   "110011000101111", "110001100011000", "110110001000001", "110100101110110"],
            .quartile: ["011010101011111", "011000001101000", "011111100110001", "011101000000110",
                        "010010010110100", "010000110000011", "010111011011010", "010101111101101"],
            .high: ["001011010001001", "001001110111110", "001110011100111", "001100111010000",
                    "000011101100010", "000001001010101", "000110100001100", "000100000111011"],
        ]
        for (level, words) in expected {
            for mask in 0 ..< 8 {
                #expect(Self.binary(QRCode.formatBits(level, mask: mask), width: 15) == words[mask], "\(level) mask \(mask)")
            }
        }
    }

    @Test("QR: version information for versions 7–10 (ISO/IEC 18004 annex D)")
    func versionBits() {
        #expect(QRCode.versionBits(7) == 0x07C94)
        #expect(QRCode.versionBits(8) == 0x085BC)
        #expect(QRCode.versionBits(9) == 0x09A99)
        #expect(QRCode.versionBits(10) == 0x0A4D3)
    }

    @Test("QR: Reed–Solomon generator polynomials of degree 7 and 10")
    func generatorPolynomials() {
        #expect(QRCode.Field.generator(degree: 7) == [1, 127, 122, 154, 164, 11, 68, 117])
        // as powers of α: x¹⁰ + α²⁵¹x⁹ + α⁶⁷x⁸ + α⁴⁶x⁷ + α⁶¹x⁶ + α¹¹⁸x⁵ + α⁷⁰x⁴ + α⁶⁴x³ + α⁹⁴x² + α³²x + α⁴⁵
        #expect(QRCode.Field.generator(degree: 10).map { QRCode.Field.log[Int($0)] } == [0, 251, 67, 46, 61, 118, 70, 64, 94, 32, 45])
    }

    @Test("QR: Reed–Solomon check codewords of known 1-M blocks")
    func reedSolomonVectors() {
        // ISO/IEC 18004 annex I: "01234567" in numeric mode, version 1-M
        let iso: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        #expect(QRCode.Field.remainder(iso, degree: 10) == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
        // "HELLO WORLD" in alphanumeric mode, version 1-M
        let hello: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(QRCode.Field.remainder(hello, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("QR: byte-mode data codewords: mode, count, bytes, terminator and pad codewords")
    func dataCodewords() {
        let data = QRCode.dataCodewords(Array("HELLO WORLD".utf8), version: 1, correction: .medium)
        #expect(data == [0x40, 0xB4, 0x84, 0x54, 0xC4, 0xC4, 0xF2, 0x05, 0x74, 0xF5, 0x24, 0xC4, 0x40, 0xEC, 0x11, 0xEC])
        #expect(QRCode.interleavedCodewords(data, version: 1, correction: .medium).suffix(10)
                == [12, 75, 207, 154, 137, 79, 101, 9, 151, 204])
        // version 10 counts in 16 bits
        let long = QRCode.dataCodewords(Array(repeating: 0x41, count: 200), version: 10, correction: .low)
        #expect(long.prefix(4) == [0x40, 0x0C, 0x84, 0x14])
        #expect(long.count == 274)
    }

    /// Checked by decoding: zbarimg and zxing-cpp read it as "HELLO WORLD", and python-qrcode draws the same
    /// matrix for version 1-M, byte mode, mask 4.
    @Test("QR: \"HELLO WORLD\" at level M is this version-1 symbol with mask 4")
    func helloWorldSymbol() throws {
        let qr = try QRCode("HELLO WORLD")
        #expect(qr.version == 1)
        #expect(qr.size == 21)
        #expect(qr.mask == 4)
        let expected = [
            "#######.##..#.#######",
            "#.....#....#..#.....#",
            "#.###.#..#.#..#.###.#",
            "#.###.#.#..#..#.###.#",
            "#.###.#.###.#.#.###.#",
            "#.....#.#..#..#.....#",
            "#######.#.#.#.#######",
            "........#..##........",
            "#...#.######.#####..#",
            "...#....#.###....####",
            "..######..##.##.#..#.",
            "#####...##...#.......",
            "#####.#.#.#.#.##..##.",
            "........#.#.####.#.##",
            "#######.###.#.#.##.#.",
            "#.....#..#.###.##..##",
            "#.###.#.##.#.##...##.",
            "#.###.#..#..#...##.##",
            "#.###.#..###...###...",
            "#.....#....#.#.......",
            "#######.#########.#.#",
        ]
        #expect(Self.rows(qr) == expected)
    }

    // MARK: - Versions and capacity

    @Test("QR: the smallest version that fits is chosen, by the byte capacities of ISO/IEC 18004 table 7")
    func versionPerCapacity() throws {
        let capacity: [QRCode.Correction: [Int]] = [
            .low: [17, 32, 53, 78, 106, 134, 154, 192, 230, 271],
            .medium: [14, 26, 42, 62, 84, 106, 122, 152, 180, 213],
            .quartile: [11, 20, 32, 46, 60, 74, 86, 108, 130, 151],
            .high: [7, 14, 24, 34, 44, 58, 64, 84, 98, 119],
        ]
        for (level, bytes) in capacity {
            for version in 1 ... 10 {
                #expect(QRCode.byteCapacity(version: version, correction: level) == bytes[version - 1])
                let full = try QRCode(String(repeating: "a", count: bytes[version - 1]), correction: level)
                #expect(full.version == version, "\(level) \(bytes[version - 1]) bytes")
                #expect(full.size == 17 + 4 * version)
                if version < 10 {
                    let over = try QRCode(String(repeating: "a", count: bytes[version - 1] + 1), correction: level)
                    #expect(over.version == version + 1)
                    #expect(over.size == 21 + 4 * version)
                }
            }
        }
        #expect(try QRCode("").version == 1)
    }

    @Test("QR: UTF-8 text is measured in bytes (a Chinese character takes three)")
    func utf8Bytes() throws {
        #expect(try QRCode("选人投票").version == 1)           // 12 bytes ≤ 14 at 1-M
        #expect(try QRCode("选人投票了").version == 2)         // 15 bytes
        let qr = try QRCode("https://xuanren.example.gov.cn/v/7ACD1EC2?说明=选人投票", correction: .high)
        let bytes = Self.read(qr)?.bytes
        #expect(bytes == Array("https://xuanren.example.gov.cn/v/7ACD1EC2?说明=选人投票".utf8))
    }

    @Test("QR: the block table's codewords fill exactly the data area of each version")
    func blockTableMatchesSymbol() {
        let remainderBits = [0, 7, 7, 7, 7, 7, 0, 0, 0, 0]
        for version in 1 ... 10 {
            let grid = QRCode.Grid.withFunctionPatterns(version: version)
            let dataModules = grid.function.filter { !$0 }.count
            #expect(dataModules == Self.functionFreeModules(version: version), "version \(version)")
            for level in QRCode.Correction.allCases {
                let layout = QRCode.blocks(version: version, correction: level)
                #expect(layout.totalCodewords * 8 + remainderBits[version - 1] == dataModules, "\(version)-\(level)")
            }
        }
    }

    @Test("QR: text too long for version 10 is refused, in both languages")
    func tooLong() {
        let text = String(repeating: "x", count: 120)
        #expect(throws: QRCode.Failure.tooLong(bytes: 120, maximum: 119, correction: .high)) {
            try QRCode(text, correction: .high)
        }
        #expect(throws: QRCode.Failure.tooLong(bytes: 214, maximum: 213, correction: .medium)) {
            try QRCode(String(repeating: "x", count: 214))
        }
        #expect((try? QRCode(String(repeating: "x", count: 119), correction: .high))?.version == 10)
        let failure = QRCode.Failure.tooLong(bytes: 120, maximum: 119, correction: .high)
        #expect(failure.kind == .badInput)
        #expect(failure.message(in: .en) == "too long for a QR code: 120 bytes, but at most 119 fit at error-correction level H")
        #expect(failure.message(in: .zhHans) == "内容过长，无法生成二维码：共 120 字节，纠错等级 H 下最多 119 字节")
        #expect(failure.description == failure.message(in: .en))
    }

    // MARK: - The symbol read back

    @Test("QR: finder, timing and alignment patterns, the dark module, format and version information are in place")
    func functionPatterns() throws {
        for version in 1 ... 10 {
            let text = String(repeating: "v", count: QRCode.byteCapacity(version: version, correction: .quartile))
            let qr = try QRCode(text, correction: .quartile)
            #expect(qr.version == version)
            let n = qr.size
            // finders: dark ring, light ring, dark core; light separators
            for (ox, oy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
                for dy in -1 ... 7 {
                    for dx in -1 ... 7 {
                        let x = ox + dx, y = oy + dy
                        guard x >= 0, y >= 0, x < n, y < n else { continue }
                        let outside = dx < 0 || dy < 0 || dx > 6 || dy > 6
                        let ring = max(abs(dx - 3), abs(dy - 3))
                        #expect(qr.isDark(x: x, y: y) == (!outside && ring != 2), "finder module \(x),\(y) v\(version)")
                    }
                }
            }
            for i in 8 ..< n - 8 {
                #expect(qr.isDark(x: i, y: 6) == (i % 2 == 0))
                #expect(qr.isDark(x: 6, y: i) == (i % 2 == 0))
            }
            #expect(qr.isDark(x: 8, y: n - 8))
            if version >= 2 {   // the bottom-right alignment pattern
                let c = n - 7
                #expect(qr.isDark(x: c, y: c) && !qr.isDark(x: c + 1, y: c) && qr.isDark(x: c + 2, y: c + 2))
            }
            // both copies of the format information name the level and mask
            let (first, second) = Self.formatCopies(qr)
            #expect(first == second)
            #expect(first == QRCode.formatBits(.quartile, mask: qr.mask))
            #expect(Self.bchRemainder(first ^ 0x5412, generator: 0x537, degree: 10) == 0)
            if version >= 7 {
                var topRight = 0, bottomLeft = 0
                for i in 0 ..< 18 {
                    if qr.isDark(x: n - 11 + i % 3, y: i / 3) { topRight |= 1 << i }
                    if qr.isDark(x: i / 3, y: n - 11 + i % 3) { bottomLeft |= 1 << i }
                }
                #expect(topRight == bottomLeft)
                #expect(topRight >> 12 == version)
                #expect(Self.bchRemainder(topRight, generator: 0x1F25, degree: 12) == 0)
            }
        }
    }

    @Test("QR: an independent reader recovers the bytes, with every Reed–Solomon syndrome zero, at every level")
    func roundTrip() throws {
        let texts = [
            "",
            "http://127.0.0.1:8080/v/7ACD1EC2",
            "https://xuanren.example.gov.cn/v/7ACD1EC2?code=ABCD-EFGH-JKLM",
            "https://xuanren.example.gov.cn/vote/7ACD1EC2-795E-4C1A-9D0B-0123456789AB?code=ABCD-EFGH-JKLM",
            "https://xuanren.example.gov.cn/vote/7ACD1EC2-795E-4C1A-9D0B-0123456789AB?code=ABCD-EFGH-JKLM&lang=zh-Hans&s=1",
            "选人投票 · 第一轮 · 请扫码",
        ]
        var versions = Set<Int>()
        for text in texts {
            for level in QRCode.Correction.allCases {
                let qr = try QRCode(text, correction: level)
                versions.insert(qr.version)
                let result = Self.read(qr)   // (not inside #require, whose failure would print every module)
                let read = try #require(result, "\(level) v\(qr.version) \(text)")
                #expect(read.correction == level)
                #expect(read.mask == qr.mask)
                #expect(read.bytes == Array(text.utf8), "\(level) v\(qr.version) \(text)")
            }
        }
        #expect(versions.contains(10) && versions.contains(7) && versions.contains(1))   // one group and two
    }

    // MARK: - Masking

    @Test("QR: penalty rules N1–N4 on made-up grids")
    func penaltyRules() {
        var allDark = QRCode.Grid(size: 21)
        allDark.dark = Array(repeating: true, count: 21 * 21)
        // N1: 42 lines of 21 → 42 × (3 + 16); N2: 20 × 20 blocks × 3; N4: 100 % dark → 10 × 10
        #expect(allDark.penalty() == 42 * 19 + 400 * 3 + 100)

        var checkerboard = QRCode.Grid(size: 21)
        checkerboard.dark = (0 ..< 21 * 21).map { ($0 / 21 + $0 % 21) % 2 == 0 }
        #expect(checkerboard.penalty() == 0)

        // N3: the finder-like 1011101 with light on both sides (the quiet zone counts as light)
        #expect(QRCode.Grid.linePenalty([true, false, true, true, true, false, true]) == 80)
        #expect(QRCode.Grid.linePenalty([false, false, false, false, true, false, true, true, true, false, true, true]) == 40)
        #expect(QRCode.Grid.linePenalty([true, false, false, false, true, false, true, true, true, false, true, true]) == 0)
        // N1: a run of 7 scores 3 + 2
        #expect(QRCode.Grid.linePenalty([true, true, true, true, true, true, true, false]) == 5)
    }

    @Test("QR: the chosen mask has the lowest penalty of the eight")
    func bestMask() throws {
        for level in QRCode.Correction.allCases {
            let text = "https://xuanren.example.gov.cn/v/7ACD1EC2?level=\(level.rawValue)"
            let qr = try QRCode(text, correction: level)
            let data = QRCode.dataCodewords(Array(text.utf8), version: qr.version, correction: level)
            var base = QRCode.Grid.withFunctionPatterns(version: qr.version)
            base.place(QRCode.interleavedCodewords(data, version: qr.version, correction: level))
            let penalties = (0 ..< 8).map { mask in
                var g = base
                g.applyMask(mask)
                g.drawFormat(QRCode.formatBits(level, mask: mask))
                let same = g.dark == qr.modules
                #expect(mask != qr.mask || same)
                return g.penalty()
            }
            #expect(penalties.firstIndex(of: penalties.min()!) == qr.mask)
        }
    }

    // MARK: - SVG

    @Test("QR: the SVG is a well-formed standalone image whose one path draws exactly the dark modules")
    func svg() throws {
        let qr = try QRCode("http://127.0.0.1:8080/v/7ACD1EC2")
        let side = qr.size + 8
        let svg = qr.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(side * 4)\" height=\"\(side * 4)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"))
        #expect(svg.components(separatedBy: "<path ").count == 2)
        #expect(!svg.contains("<title>"))
        #expect(svg.hasSuffix("</svg>"))

        let parsed = try #require(Self.parseSVG(svg))
        #expect(parsed.elements == ["svg", "rect", "path"])
        let d = try #require(parsed.pathData)
        #expect(Self.modules(ofPath: d, offset: 4) == Set((0 ..< qr.size).flatMap { y in
            (0 ..< qr.size).filter { qr.isDark(x: $0, y: y) }.map { [$0, y] }
        }))

        let small = qr.svg(moduleSize: 10, quietZone: 2)
        #expect(small.contains("viewBox=\"0 0 \(qr.size + 4) \(qr.size + 4)\" width=\"\((qr.size + 4) * 10)\""))
        #expect(Self.modules(ofPath: try #require(Self.parseSVG(small)?.pathData), offset: 2).count
                == Self.modules(ofPath: d, offset: 4).count)
    }

    @Test("QR: the SVG title is escaped")
    func svgTitle() throws {
        let svg = try QRCode("x").svg(title: "投票 <A & B> \"C\" 'D'\u{1}")
        #expect(svg.contains("<title>投票 &lt;A &amp; B&gt; &quot;C&quot; &apos;D&apos;</title>"))
        #expect(svg.contains("role=\"img\""))
        let parsed = try #require(Self.parseSVG(svg))
        #expect(parsed.elements == ["svg", "title", "rect", "path"])
        #expect(parsed.title == "投票 <A & B> \"C\" 'D'")
    }

    // MARK: - Helpers

    static func binary(_ value: Int, width: Int) -> String {
        let s = String(value, radix: 2)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func rows(_ qr: QRCode) -> [String] {
        (0 ..< qr.size).map { y in String((0 ..< qr.size).map { qr.isDark(x: $0, y: y) ? "#" : "." }) }
    }

    /// Remainder of a binary polynomial division (for BCH checks).
    static func bchRemainder(_ value: Int, generator: Int, degree: Int) -> Int {
        var r = value
        var bit = Int.bitWidth - 1 - r.leadingZeroBitCount
        while bit >= degree {
            if (r >> bit) & 1 == 1 { r ^= generator << (bit - degree) }
            bit -= 1
        }
        return r
    }

    /// The two copies of the format information, read most significant bit first as a scanner does.
    static func formatCopies(_ qr: QRCode) -> (Int, Int) {
        let n = qr.size
        let first = [(0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8),
                     (8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0)]
        let second = (0 ..< 7).map { (8, n - 1 - $0) } + (0 ..< 8).map { (n - 8 + $0, 8) }
        func value(_ cells: [(Int, Int)]) -> Int { cells.reduce(0) { $0 << 1 | (qr.isDark(x: $1.0, y: $1.1) ? 1 : 0) } }
        return (value(first), value(second))
    }

    /// Which modules carry no function pattern, worked out here from the standard rather than by the encoder.
    static func functionMap(version: Int) -> [[Bool]] {
        let n = 17 + 4 * version
        var f = Array(repeating: Array(repeating: false, count: n), count: n)   // f[y][x]
        func mark(_ x0: Int, _ y0: Int, _ w: Int, _ h: Int) {
            for y in y0 ..< y0 + h { for x in x0 ..< x0 + w { f[y][x] = true } }
        }
        mark(0, 0, 9, 9); mark(n - 8, 0, 8, 9); mark(0, n - 8, 9, 8)           // finders, separators, format
        mark(6, 0, 1, n); mark(0, 6, n, 1)                                      // timing
        if version >= 2 {
            let step = version >= 7 ? (version == 7 ? 16 : version == 8 ? 18 : version == 9 ? 20 : 22) : 0
            let last = n - 7
            let centres = version < 7 ? [6, last] : [6, last - step, last]
            for cy in centres {
                for cx in centres where !(cx == 6 && cy == 6) && !(cx == 6 && cy == last) && !(cx == last && cy == 6) {
                    mark(cx - 2, cy - 2, 5, 5)
                }
            }
        }
        if version >= 7 { mark(n - 11, 0, 3, 6); mark(0, n - 11, 6, 3) }      // version information
        return f
    }

    static func functionFreeModules(version: Int) -> Int {
        functionMap(version: version).reduce(0) { $0 + $1.filter { !$0 }.count }
    }

    /// Reads the symbol as a scanner would: format information, unmasking, the zigzag, de-interleaving,
    /// a Reed–Solomon syndrome check of every block, and the byte-mode segment. Nil if anything is off.
    static func read(_ qr: QRCode) -> (correction: QRCode.Correction, mask: Int, bytes: [UInt8])? {
        let n = qr.size, version = (n - 17) / 4
        let (format, _) = formatCopies(qr)
        let info = (format ^ 0x5412) >> 10
        let mask = info & 7
        let level = [QRCode.Correction.medium, .low, .high, .quartile][info >> 3]   // 00 M, 01 L, 10 H, 11 Q
        let function = functionMap(version: version)
        func masked(_ x: Int, _ y: Int) -> Bool {
            let i = y, j = x
            switch mask {
            case 0: return (i + j) % 2 == 0
            case 1: return i % 2 == 0
            case 2: return j % 3 == 0
            case 3: return (i + j) % 3 == 0
            case 4: return (i / 2 + j / 3) % 2 == 0
            case 5: return (i * j) % 2 + (i * j) % 3 == 0
            case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0
            default: return ((i * j) % 3 + (i + j) % 2) % 2 == 0
            }
        }
        var bits: [Bool] = []
        var pair = 0
        for column in stride(from: n - 1, through: 1, by: -2) {
            let right = column <= 6 ? column - 1 : column               // left of the timing column, shifted by one
            let ys = pair % 2 == 0 ? Array((0 ..< n).reversed()) : Array(0 ..< n)
            pair += 1
            for y in ys {
                for x in [right, right - 1] where !function[y][x] { bits.append(qr.isDark(x: x, y: y) != masked(x, y)) }
            }
            if right == 1 { break }
        }
        let layout = QRCode.blocks(version: version, correction: level)
        guard bits.count >= layout.totalCodewords * 8 else { return nil }
        let codewords: [UInt8] = (0 ..< layout.totalCodewords).map { c in
            (0 ..< 8).reduce(UInt8(0)) { $0 << 1 | (bits[c * 8 + $1] ? 1 : 0) }
        }
        // de-interleave
        let lengths = layout.dataLengths
        var blocks = lengths.map { _ in [UInt8]() }
        var k = 0
        for i in 0 ..< lengths.max()! { for b in blocks.indices where i < lengths[b] { blocks[b].append(codewords[k]); k += 1 } }
        for _ in 0 ..< layout.ecPerBlock { for b in blocks.indices { blocks[b].append(codewords[k]); k += 1 } }
        // every syndrome c(αʲ), j < ecPerBlock, is zero for a codeword without errors
        for block in blocks {
            for j in 0 ..< layout.ecPerBlock {
                let s = block.reduce(UInt8(0)) { QRCode.Field.multiply($0, QRCode.Field.exp[j]) ^ $1 }
                if s != 0 { return nil }
            }
        }
        let data = zip(blocks, lengths).flatMap { $0.0.prefix($0.1) }
        var dataBits: [Bool] = data.flatMap { byte in (0 ..< 8).map { (byte >> (7 - $0)) & 1 == 1 } }
        func take(_ count: Int) -> Int? {
            guard dataBits.count >= count else { return nil }
            defer { dataBits.removeFirst(count) }
            return dataBits.prefix(count).reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
        guard take(4) == 0b0100, let count = take(version <= 9 ? 8 : 16) else { return nil }
        var bytes: [UInt8] = []
        for _ in 0 ..< count { guard let b = take(8) else { return nil }; bytes.append(UInt8(b)) }
        if let terminator = take(min(4, dataBits.count)), terminator != 0 { return nil }
        return (level, mask, bytes)
    }

    /// The modules covered by an SVG path of `M x y h w v 1 h -w z` rectangles, less the quiet-zone offset.
    static func modules(ofPath d: String, offset: Int) -> Set<[Int]> {
        var cells = Set<[Int]>()
        let scanner = Scanner(string: d)
        while !scanner.isAtEnd {
            guard scanner.scanString("M") != nil, let x = scanner.scanInt(), let y = scanner.scanInt(),
                  scanner.scanString("h") != nil, let w = scanner.scanInt(),
                  scanner.scanString("v1h-") != nil, scanner.scanInt() == w, scanner.scanString("z") != nil
            else { return [] }
            for i in 0 ..< w { cells.insert([x + i - offset, y - offset]) }
        }
        return cells
    }

    /// Parses the SVG with an XML parser: the element names in order, the title text and the path's `d`.
    static func parseSVG(_ svg: String) -> (elements: [String], title: String?, pathData: String?)? {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [String] = []
            var title: String?
            var inTitle = false
            var pathData: String?
            var namespaceOK = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                elements.append(name)
                if name == "svg" { namespaceOK = attributes["xmlns"] == "http://www.w3.org/2000/svg" }
                if name == "path" { pathData = attributes["d"] }
                if name == "title" { inTitle = true; title = "" }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "title" { inTitle = false }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inTitle { title! += string }
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse(), collector.namespaceOK else { return nil }
        return (collector.elements, collector.title, collector.pathData)
    }
}
