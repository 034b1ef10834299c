import ArgumentParser
import Foundation
import SelectionCore

/// `xuanren score FILE [--json]`: computes a `xuanren.scores/1` score sheet with no server and no database
/// (docs/formats/score-sheet.md). Thin: reading, computing and writing are SelectionCore's (`ScoreSheet`).
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Compute a score sheet (xuanren.scores/1): who went on, composites, ranking, shortlist. 成绩计算。",
        discussion: "Exit 0 when computed, 2 when the file is not a valid score sheet (one message naming the JSON path).")

    @Argument(help: "The score sheet file.") var file: String
    @Flag(help: "Print the xuanren.scoring/1 JSON result instead of the table.") var json = false

    func run() throws { Self.score(file: file, json: json) }

    /// `xuanren score FILE [--json]` exactly, run before the argument parser: its reflection over every command's
    /// properties, and the first protocol casts that make the runtime scan the conformances of every library the
    /// binary links (Vapor, NIO, Fluent…), were a fifth of a 100,000-applicant run (`scripts/bench-score.sh`).
    /// Anything else (help, other flags, mistakes) goes through the parser as usual. Returns whether it ran.
    static func fastPath(_ arguments: [String]) -> Bool {
        guard arguments.first == "score" else { return false }
        let rest = Array(arguments.dropFirst())
        let json = rest.contains("--json")
        let files = rest.filter { $0 != "--json" }
        guard files.count == 1, rest.count == (json ? 2 : 1), let file = files.first, !file.hasPrefix("-") else { return false }
        score(file: file, json: json)
        return true
    }

    static func score(file: String, json: Bool) {
        let lang = XuanrenCLI.language
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir), !isDir.boolValue,
              let source = try? FileByteSource(path: file) else {
            XuanrenCLI.fail(lang == .en ? "cannot read \(file): no such file" : "无法读取 \(file)：文件不存在", code: 2)
        }
        let result: ScoreSheetResult
        do {
            result = try ScoreSheet.parse(source).compute()
        } catch {
            XuanrenCLI.fail(for: error)   // not a valid score sheet: bad input, exit 2
        }
        if json {
            result.writeJSON { FileHandle.standardOutput.write(Data($0)) }   // in chunks: a large result is never held whole
        } else {
            FileHandle.standardOutput.write(Data(result.table(in: lang).utf8))
        }
        Foundation.exit(0)   // everything is written (unbuffered): freeing 100,000 applicants' strings one by one would only cost time
    }
}
