import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore

/// BAL-2: draw a representative panel by lot, reproducibly: the same list and seed give the same panel.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw panel members by lot from a list (one name per line). 随机抽取。",
        discussion: "Record the seed with the draw: `xuanren draw --seed S --count N FILE` gives the same panel again.")

    @Argument(help: "A text file with one member per line, or - for standard input.") var file: String
    @Option(help: "How many to draw.") var count: Int
    @Option(help: "The seed (a number); default: a new random seed, printed with the draw.") var seed: UInt64?

    func run() throws {
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else { XuanrenCLI.fail("cannot read \(file)", code: 2) }
            text = String(decoding: data, as: UTF8.self)
        }
        let pool = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard count > 0 else { XuanrenCLI.fail("--count must be positive", code: 2) }
        guard Set(pool).count == pool.count else { XuanrenCLI.fail("the list names someone twice", code: 2) }
        let s = seed ?? SystemRandomSource().next()
        let zh = XuanrenCLI.language == .zhHans
        print(zh ? "抽取：从 \(pool.count) 人中抽取 \(min(count, pool.count)) 人，种子 \(s)" : "Draw: \(min(count, pool.count)) of \(pool.count), seed \(s)")
        for (i, name) in PanelDraw.draw(from: pool, count: count, seed: s).enumerated() { print("\(i + 1)\t\(name)") }
    }
}
