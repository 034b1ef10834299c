import Foundation

/// A QR Code symbol (ISO/IEC 18004), model 2, versions 1…10, for printing a short link on a voting slip.
///
/// The whole text is encoded as one byte-mode segment (its UTF-8 bytes); readers that see no ECI take
/// byte-mode data as UTF-8 when it is valid UTF-8, which is what phone cameras and zbar do.
/// The steps, in the order the initializer runs them:
///
/// 1. **Data encoding**: mode indicator `0100` (byte), a character count (8 bits for versions 1…9, 16 for
///    version 10), the bytes, a terminator of up to four `0` bits, `0` bits to the next byte boundary, then the
///    pad codewords `0xEC 0x11 0xEC …` until the data capacity of the version and level is full.
/// 2. **Error correction**: the data codewords are cut into blocks as the version/level table says; each block
///    gets Reed–Solomon check codewords over GF(256) (the field of `x⁸+x⁴+x³+x²+1`, 0x11D, generator α = 2):
///    the remainder of `data(x)·xⁿ` divided by `g(x) = (x−α⁰)(x−α¹)…(x−αⁿ⁻¹)`.
/// 3. **Interleaving**: the first data codeword of every block, then the second, …, then the check codewords
///    the same way, so that a smudge spreads over several blocks.
/// 4. **Function patterns**: three finder patterns with their light separators, the two timing lines, the
///    alignment patterns (version ≥ 2), the always-dark module, and the reserved areas for the format
///    information and (version ≥ 7) the version information.
/// 5. **Placement**: the bits go into the remaining modules in two-module-wide columns, from the bottom-right
///    corner, up and down in turn, skipping the vertical timing line; leftover (remainder) modules get 0 bits.
/// 6. **Masking**: each of the eight mask patterns is XORed onto the data modules, the format information for
///    that mask is drawn, and the four penalty rules are scored; the lowest score wins (the first on a tie).
/// 7. **Format information**: the level's two bits and the mask's three bits, a BCH(15,5) code with generator
///    0x537, XOR 0x5412, drawn twice; **version information** (version ≥ 7): the version in six bits with a
///    BCH(18,6) code with generator 0x1F25, drawn twice.
public struct QRCode: Sendable, Equatable {
    /// The error-correction level: roughly how much of the symbol may be damaged and still be read
    /// (L 7 %, M 15 %, Q 25 %, H 30 %). Higher levels need a larger symbol for the same text.
    public enum Correction: String, Sendable, CaseIterable {
        case low = "L"
        case medium = "M"
        case quartile = "Q"
        case high = "H"

        /// The two bits that name the level in the format information (not in L, M, Q, H order).
        var formatBits: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }

        /// Column of `QRCode.blockTable`.
        var tableIndex: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }
    }

    /// Why no symbol could be made.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The text's UTF-8 bytes do not fit in a version-10 symbol at this level.
        case tooLong(bytes: Int, maximum: Int, correction: Correction)

        public func message(in language: Language) -> String {
            switch (self, language) {
            case (.tooLong(let bytes, let maximum, let c), .zhHans):
                "内容过长，无法生成二维码：共 \(bytes) 字节，纠错等级 \(c.rawValue) 下最多 \(maximum) 字节"
            case (.tooLong(let bytes, let maximum, let c), .en):
                "too long for a QR code: \(bytes) bytes, but at most \(maximum) fit at error-correction level \(c.rawValue)"
            }
        }

        public var description: String { message(in: .en) }
    }

    /// The largest version made; 57 × 57 modules.
    public static let maximumVersion = 10

    /// 1…10; the symbol has `17 + 4 × version` modules per side.
    public let version: Int
    public let correction: Correction
    /// The mask pattern chosen, 0…7.
    public let mask: Int
    /// Dark modules, row by row (`y * size + x`).
    let modules: [Bool]

    /// Modules per side, without the quiet zone.
    public var size: Int { 17 + 4 * version }

    /// Whether the module in column `x`, row `y` (from the top-left corner) is dark. Outside the symbol
    /// (the quiet zone) every module is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// Encodes `text` as UTF-8 bytes in the smallest version that fits at the given level.
    public init(_ text: String, correction: Correction = .medium) throws(Failure) {
        let bytes = Array(text.utf8)
        guard let version = (1 ... Self.maximumVersion).first(where: { Self.byteCapacity(version: $0, correction: correction) >= bytes.count })
        else {
            throw .tooLong(bytes: bytes.count, maximum: Self.byteCapacity(version: Self.maximumVersion, correction: correction),
                           correction: correction)
        }
        let data = Self.dataCodewords(bytes, version: version, correction: correction)
        let codewords = Self.interleavedCodewords(data, version: version, correction: correction)

        var base = Grid.withFunctionPatterns(version: version)
        base.place(codewords)

        var best: (grid: Grid, mask: Int, penalty: Int)? = nil
        for mask in 0 ..< 8 {
            var candidate = base
            candidate.applyMask(mask)
            candidate.drawFormat(Self.formatBits(correction, mask: mask))
            let penalty = candidate.penalty()
            if best == nil || penalty < best!.penalty { best = (candidate, mask, penalty) }
        }
        self.version = version
        self.correction = correction
        self.mask = best!.mask
        self.modules = best!.grid.dark
    }

    // MARK: - Capacity and error-correction blocks

    /// How a version/level's codewords are split: `shortBlocks` blocks of `shortData` data codewords, then
    /// `longBlocks` blocks of `shortData + 1`, each followed by `ecPerBlock` check codewords.
    struct Blocks: Sendable, Equatable {
        let ecPerBlock: Int
        let shortBlocks: Int
        let shortData: Int
        let longBlocks: Int

        var dataCodewords: Int { shortBlocks * shortData + longBlocks * (shortData + 1) }
        var totalCodewords: Int { dataCodewords + (shortBlocks + longBlocks) * ecPerBlock }
        /// Data codewords of each block, in order.
        var dataLengths: [Int] {
            Array(repeating: shortData, count: shortBlocks) + Array(repeating: shortData + 1, count: longBlocks)
        }
    }

    /// ISO/IEC 18004 table 9 for versions 1…10; rows are versions, columns L, M, Q, H.
    static let blockTable: [[Blocks]] = [
        [.init(ecPerBlock: 7, shortBlocks: 1, shortData: 19, longBlocks: 0), .init(ecPerBlock: 10, shortBlocks: 1, shortData: 16, longBlocks: 0),
         .init(ecPerBlock: 13, shortBlocks: 1, shortData: 13, longBlocks: 0), .init(ecPerBlock: 17, shortBlocks: 1, shortData: 9, longBlocks: 0)],
        [.init(ecPerBlock: 10, shortBlocks: 1, shortData: 34, longBlocks: 0), .init(ecPerBlock: 16, shortBlocks: 1, shortData: 28, longBlocks: 0),
         .init(ecPerBlock: 22, shortBlocks: 1, shortData: 22, longBlocks: 0), .init(ecPerBlock: 28, shortBlocks: 1, shortData: 16, longBlocks: 0)],
        [.init(ecPerBlock: 15, shortBlocks: 1, shortData: 55, longBlocks: 0), .init(ecPerBlock: 26, shortBlocks: 1, shortData: 44, longBlocks: 0),
         .init(ecPerBlock: 18, shortBlocks: 2, shortData: 17, longBlocks: 0), .init(ecPerBlock: 22, shortBlocks: 2, shortData: 13, longBlocks: 0)],
        [.init(ecPerBlock: 20, shortBlocks: 1, shortData: 80, longBlocks: 0), .init(ecPerBlock: 18, shortBlocks: 2, shortData: 32, longBlocks: 0),
         .init(ecPerBlock: 26, shortBlocks: 2, shortData: 24, longBlocks: 0), .init(ecPerBlock: 16, shortBlocks: 4, shortData: 9, longBlocks: 0)],
        [.init(ecPerBlock: 26, shortBlocks: 1, shortData: 108, longBlocks: 0), .init(ecPerBlock: 24, shortBlocks: 2, shortData: 43, longBlocks: 0),
         .init(ecPerBlock: 18, shortBlocks: 2, shortData: 15, longBlocks: 2), .init(ecPerBlock: 22, shortBlocks: 2, shortData: 11, longBlocks: 2)],
        [.init(ecPerBlock: 18, shortBlocks: 2, shortData: 68, longBlocks: 0), .init(ecPerBlock: 16, shortBlocks: 4, shortData: 27, longBlocks: 0),
         .init(ecPerBlock: 24, shortBlocks: 4, shortData: 19, longBlocks: 0), .init(ecPerBlock: 28, shortBlocks: 4, shortData: 15, longBlocks: 0)],
        [.init(ecPerBlock: 20, shortBlocks: 2, shortData: 78, longBlocks: 0), .init(ecPerBlock: 18, shortBlocks: 4, shortData: 31, longBlocks: 0),
         .init(ecPerBlock: 18, shortBlocks: 2, shortData: 14, longBlocks: 4), .init(ecPerBlock: 26, shortBlocks: 4, shortData: 13, longBlocks: 1)],
        [.init(ecPerBlock: 24, shortBlocks: 2, shortData: 97, longBlocks: 0), .init(ecPerBlock: 22, shortBlocks: 2, shortData: 38, longBlocks: 2),
         .init(ecPerBlock: 22, shortBlocks: 4, shortData: 18, longBlocks: 2), .init(ecPerBlock: 26, shortBlocks: 4, shortData: 14, longBlocks: 2)],
        [.init(ecPerBlock: 30, shortBlocks: 2, shortData: 116, longBlocks: 0), .init(ecPerBlock: 22, shortBlocks: 3, shortData: 36, longBlocks: 2),
         .init(ecPerBlock: 20, shortBlocks: 4, shortData: 16, longBlocks: 4), .init(ecPerBlock: 24, shortBlocks: 4, shortData: 12, longBlocks: 4)],
        [.init(ecPerBlock: 18, shortBlocks: 2, shortData: 68, longBlocks: 2), .init(ecPerBlock: 26, shortBlocks: 4, shortData: 43, longBlocks: 1),
         .init(ecPerBlock: 24, shortBlocks: 6, shortData: 19, longBlocks: 2), .init(ecPerBlock: 28, shortBlocks: 6, shortData: 15, longBlocks: 2)],
    ]

    static func blocks(version: Int, correction: Correction) -> Blocks {
        blockTable[version - 1][correction.tableIndex]
    }

    /// Bits of the character count in byte mode.
    static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// The most bytes one byte-mode segment can carry at this version and level.
    static func byteCapacity(version: Int, correction: Correction) -> Int {
        (blocks(version: version, correction: correction).dataCodewords * 8 - 4 - countBits(version: version)) / 8
    }

    // MARK: - Step 1: data codewords

    /// Mode, count, bytes, terminator, bit padding and pad codewords: exactly the version/level's data codewords.
    static func dataCodewords(_ bytes: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        let capacity = blocks(version: version, correction: correction).dataCodewords * 8
        var bits: [Bool] = []
        bits.reserveCapacity(capacity)
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
        }
        append(0b0100, 4)                                   // byte mode
        append(bytes.count, countBits(version: version))
        for b in bytes { append(Int(b), 8) }
        append(0, min(4, capacity - bits.count))            // terminator (shorter if the symbol is full)
        append(0, (8 - bits.count % 8) % 8)                 // to a byte boundary
        var out: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            (0 ..< 8).reduce(UInt8(0)) { $0 << 1 | (bits[start + $1] ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while out.count * 8 < capacity {
            out.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return out
    }

    // MARK: - Steps 2 and 3: Reed–Solomon and interleaving

    /// GF(256) with the QR reduction polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D); α = 2 generates it.
    /// (Not the AES field of `SecretSharing`.)
    enum Field {
        /// `exp[i] = αⁱ`, doubled in length so that `exp[log a + log b]` needs no reduction mod 255.
        static let exp: [UInt8] = {
            var table = [UInt8](repeating: 0, count: 512)
            var x = 1
            for i in 0 ..< 512 {
                table[i] = UInt8(x)
                x <<= 1
                if x & 0x100 != 0 { x ^= 0x11D }
            }
            return table
        }()

        static let log: [Int] = {
            var table = [Int](repeating: 0, count: 256)
            for i in 0 ..< 255 { table[Int(exp[i])] = i }
            return table
        }()

        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
        }

        /// The coefficients of g(x) = (x − α⁰)(x − α¹)…(x − α^(degree−1)), highest power first (the leading 1
        /// included). In GF(2⁸) subtraction is XOR, so each factor is (x + αⁱ).
        static func generator(degree: Int) -> [UInt8] {
            var g: [UInt8] = [1]
            for i in 0 ..< degree {
                var next = [UInt8](repeating: 0, count: g.count + 1)
                for (j, c) in g.enumerated() {
                    next[j] ^= c                                // c·x
                    next[j + 1] ^= multiply(c, exp[i])          // c·αⁱ
                }
                g = next
            }
            return g
        }

        /// The `degree` check codewords of `data`: the remainder of data(x)·x^degree divided by g(x), computed
        /// as a shift register (one step of polynomial long division per data codeword).
        static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
            let g = generator(degree: degree)
            var r = [UInt8](repeating: 0, count: degree)
            for d in data {
                let factor = d ^ r[0]
                r.removeFirst()
                r.append(0)
                for i in 0 ..< degree { r[i] ^= multiply(g[i + 1], factor) }
            }
            return r
        }
    }

    /// The data codewords split into blocks, each block's check codewords added, everything interleaved.
    static func interleavedCodewords(_ data: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        let layout = blocks(version: version, correction: correction)
        var dataBlocks: [[UInt8]] = []
        var checkBlocks: [[UInt8]] = []
        var offset = 0
        for length in layout.dataLengths {
            let block = Array(data[offset ..< offset + length])
            offset += length
            dataBlocks.append(block)
            checkBlocks.append(Field.remainder(block, degree: layout.ecPerBlock))
        }
        var out: [UInt8] = []
        out.reserveCapacity(layout.totalCodewords)
        for i in 0 ..< layout.shortData + 1 {
            for block in dataBlocks where i < block.count { out.append(block[i]) }  // short blocks end one earlier
        }
        for i in 0 ..< layout.ecPerBlock {
            for block in checkBlocks { out.append(block[i]) }
        }
        return out
    }

    // MARK: - Step 7: format and version information

    /// 15 format bits: level (2) and mask (3), then the BCH(15,5) remainder for generator 0x537
    /// (x¹⁰+x⁸+x⁵+x⁴+x²+x+1), all XORed with 0x5412 so that the bits are never all light.
    static func formatBits(_ correction: Correction, mask: Int) -> Int {
        let data = correction.formatBits << 3 | mask
        var rem = data << 10
        for bit in stride(from: 14, through: 10, by: -1) where (rem >> bit) & 1 == 1 {
            rem ^= 0x537 << (bit - 10)
        }
        return (data << 10 | rem) ^ 0x5412
    }

    /// 18 version bits (versions ≥ 7): the version (6) and the BCH(18,6) remainder for generator 0x1F25
    /// (x¹²+x¹¹+x¹⁰+x⁹+x⁸+x⁵+x²+1). Not masked.
    static func versionBits(_ version: Int) -> Int {
        var rem = version << 12
        for bit in stride(from: 17, through: 12, by: -1) where (rem >> bit) & 1 == 1 {
            rem ^= 0x1F25 << (bit - 12)
        }
        return version << 12 | rem
    }

    /// Centres of the alignment patterns on each axis (ISO/IEC 18004 annex E), versions 1…10.
    static let alignmentCentres: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    // MARK: - Steps 4–6: the module grid

    /// A symbol under construction: which modules are dark, and which belong to function patterns (and so
    /// are neither data nor masked).
    struct Grid: Sendable {
        let size: Int
        var dark: [Bool]
        var function: [Bool]

        init(size: Int) {
            self.size = size
            dark = Array(repeating: false, count: size * size)
            function = Array(repeating: false, count: size * size)
        }

        subscript(x: Int, y: Int) -> Bool { dark[y * size + x] }

        mutating func setFunction(_ x: Int, _ y: Int, _ isDark: Bool) {
            dark[y * size + x] = isDark
            function[y * size + x] = true
        }

        /// Finder patterns with separators, timing lines, alignment patterns, the dark module, and the
        /// format and version areas (format bits left light here; each mask draws its own).
        static func withFunctionPatterns(version: Int) -> Grid {
            var g = Grid(size: 17 + 4 * version)
            let size = g.size
            // Timing lines along row 6 and column 6: dark on even positions. The finders overwrite the ends.
            for i in 0 ..< size {
                g.setFunction(6, i, i % 2 == 0)
                g.setFunction(i, 6, i % 2 == 0)
            }
            // Finder patterns (7×7: dark ring, light ring, dark 3×3 core) and their light separators, as
            // rings by Chebyshev distance from the centre: 0–1 dark, 2 light, 3 dark, 4 separator (light).
            for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
                for dy in -4 ... 4 {
                    for dx in -4 ... 4 {
                        let x = cx + dx, y = cy + dy
                        guard x >= 0, y >= 0, x < size, y < size else { continue }
                        let ring = max(abs(dx), abs(dy))
                        g.setFunction(x, y, ring != 2 && ring != 4)
                    }
                }
            }
            // Alignment patterns (5×5: dark ring, light ring, dark centre) at every pair of centres except
            // the three that would overlap a finder.
            let centres = alignmentCentres[version - 1]
            for cy in centres {
                for cx in centres {
                    let first = centres.first!, last = centres.last!
                    if (cx == first && cy == first) || (cx == first && cy == last) || (cx == last && cy == first) { continue }
                    for dy in -2 ... 2 {
                        for dx in -2 ... 2 { g.setFunction(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            g.drawFormat(0)                               // reserve both copies of the format area
            g.setFunction(8, size - 8, true)              // the dark module beside the bottom-left finder
            if version >= 7 { g.drawVersion(versionBits(version)) }
            return g
        }

        /// The 15 format bits, bit 14 the most significant. First copy around the top-left finder: bits 0–5
        /// down column 8 (rows 0–5), bits 6–7 at rows 7–8 (skipping the timing row), bit 8 at column 7 of row 8,
        /// bits 9–14 along row 8 from column 5 to column 0. Second copy: bits 0–7 along row 8 from the right
        /// edge leftwards, bits 8–14 down column 8 in the bottom seven rows.
        mutating func drawFormat(_ bits: Int) {
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0 ... 5 { setFunction(8, i, bit(i)) }
            setFunction(8, 7, bit(6))
            setFunction(8, 8, bit(7))
            setFunction(7, 8, bit(8))
            for i in 9 ..< 15 { setFunction(14 - i, 8, bit(i)) }
            for i in 0 ..< 8 { setFunction(size - 1 - i, 8, bit(i)) }
            for i in 8 ..< 15 { setFunction(8, size - 15 + i, bit(i)) }
        }

        /// The 18 version bits in a 6×3 block above the bottom-left finder and its transpose (3×6) left of the
        /// top-right finder; bit i sits at row i/3, column size−11+i%3 (top right), and mirrored.
        mutating func drawVersion(_ bits: Int) {
            for i in 0 ..< 18 {
                let isDark = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3, b = i / 3
                setFunction(a, b, isDark)
                setFunction(b, a, isDark)
            }
        }

        /// The codewords' bits, most significant first, in the zigzag order: column pairs from the right
        /// edge, the right module of a pair before the left, upwards in the first pair, downwards in the next,
        /// and so on; column 6 (the vertical timing line) is skipped. Function modules are passed over.
        mutating func place(_ codewords: [UInt8]) {
            let totalBits = codewords.count * 8
            var index = 0
            var upward = true
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for step in 0 ..< size {
                    let y = upward ? size - 1 - step : step
                    for x in [right, right - 1] where !function[y * size + x] {
                        // Past the last codeword: remainder bits, 0 (masked like any data module).
                        dark[y * size + x] = index < totalBits && (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
                upward.toggle()
                right -= 2
            }
        }

        /// Whether mask pattern `mask` inverts the module at row `y`, column `x` (ISO/IEC 18004 table 10).
        static func maskInverts(_ mask: Int, x: Int, y: Int) -> Bool {
            switch mask {
            case 0: (y + x) % 2 == 0
            case 1: y % 2 == 0
            case 2: x % 3 == 0
            case 3: (y + x) % 3 == 0
            case 4: (y / 2 + x / 3) % 2 == 0
            case 5: (y * x) % 2 + (y * x) % 3 == 0
            case 6: ((y * x) % 2 + (y * x) % 3) % 2 == 0
            default: ((y + x) % 2 + (y * x) % 3) % 2 == 0
            }
        }

        /// XORs the mask onto every data module (function modules are left as they are).
        mutating func applyMask(_ mask: Int) {
            for y in 0 ..< size {
                for x in 0 ..< size where !function[y * size + x] && Self.maskInverts(mask, x: x, y: y) {
                    dark[y * size + x].toggle()
                }
            }
        }

        /// The penalty score of the finished symbol (ISO/IEC 18004 7.8.3); lower is better.
        /// - N1: a run of five or more same-coloured modules in a row or column scores 3, plus 1 for each
        ///   module beyond five.
        /// - N2: every 2×2 block of one colour scores 3 (overlapping blocks each count).
        /// - N3: a 1:1:3:1:1 dark–light–dark–light–dark pattern with four light modules before it scores 40, and
        ///   another 40 with four light modules after it (modules outside the symbol are light: the quiet zone).
        /// - N4: 10 for every full 5 % by which the share of dark modules departs from 50 %.
        func penalty() -> Int {
            var score = 0
            for i in 0 ..< size {
                score += Self.linePenalty((0 ..< size).map { self[$0, i] })   // row i
                score += Self.linePenalty((0 ..< size).map { self[i, $0] })   // column i
            }
            for y in 0 ..< size - 1 {
                for x in 0 ..< size - 1 {
                    let c = self[x, y]
                    if self[x + 1, y] == c && self[x, y + 1] == c && self[x + 1, y + 1] == c { score += 3 }
                }
            }
            let total = size * size
            let darkCount = dark.reduce(0) { $0 + ($1 ? 1 : 0) }
            score += 10 * (abs(darkCount * 20 - total * 10) / total)          // ⌊|dark/total − ½| × 20⌋
            return score
        }

        /// N1 and N3 for one row or column.
        static func linePenalty(_ line: [Bool]) -> Int {
            var score = 0
            var run = 1
            for i in 1 ..< line.count {
                if line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { score += run - 2 }

            let finderLike = [true, false, true, true, true, false, true]
            func light(_ i: Int) -> Bool { i < 0 || i >= line.count || !line[i] }
            for start in 0 ... line.count - finderLike.count
            where (0 ..< finderLike.count).allSatisfy({ line[start + $0] == finderLike[$0] }) {
                if (start - 4 ..< start).allSatisfy(light) { score += 40 }
                if (start + 7 ..< start + 11).allSatisfy(light) { score += 40 }
            }
            return score
        }
    }

    // MARK: - SVG

    /// A standalone SVG image: a white square (the symbol plus `quietZone` light modules on each side) and one
    /// path of dark modules, one rectangle per horizontal run. Coordinates are in modules (the `viewBox`);
    /// `width`/`height` are `moduleSize` user units per module. `title`, if given, becomes the accessible name.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String? = nil) -> String {
        let unit = max(1, moduleSize)
        let margin = max(0, quietZone)
        let side = size + 2 * margin
        var path = ""
        for y in 0 ..< size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                path += "M\(start + margin) \(y + margin)h\(x - start)v1h-\(x - start)z"
            }
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""
            + " width=\"\(side * unit)\" height=\"\(side * unit)\" shape-rendering=\"crispEdges\""
        if title != nil { svg += " role=\"img\"" }
        svg += ">"
        if let title { svg += "<title>\(Self.xmlEscaped(title))</title>" }
        svg += "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
        svg += "<path d=\"\(path)\" fill=\"#000\"/>"
        svg += "</svg>"
        return svg
    }

    /// Text safe inside an XML element or attribute: the five markup characters as entities, and characters
    /// XML 1.0 does not allow (control characters other than tab and newlines, U+FFFE, U+FFFF) dropped.
    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension QRCode.Failure: UserFacingError {
    /// The text to encode is the input; it is too long (400, exit 2).
    public var kind: ErrorKind { .badInput }
}
