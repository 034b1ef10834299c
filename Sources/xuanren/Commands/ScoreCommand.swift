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

    func run() throws {
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
    }
}
