import ArgumentParser
import Foundation
import SelectionCore
#if canImport(Glibc)
import Glibc
#endif

/// `xuanren tally FILE [--json]`: counts a `xuanren.ballot-box/1` file with no server and no database.
struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Count a ballot box file (xuanren.ballot-box/1). 计票。",
        discussion: "Exit 0 when counted (a void vote is a result), 2 when the file is not a valid ballot box. FILE may be - for stdin.")

    @Argument(help: "The ballot box file, or - for standard input.") var file: String
    @Flag(help: "Print the xuanren.tally/1 JSON result instead of the table.") var json = false

    func run() throws {
        let lang = XuanrenCLI.language
        var path = file
        var spooled: String? = nil
        if file == "-" {
            // stdin is read once into a temporary file, so a box that lists ballots first can be read twice
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("xuanren-tally-\(getpid()).json").path
            guard FileManager.default.createFile(atPath: tmp, contents: nil), let out = FileHandle(forWritingAtPath: tmp) else {
                XuanrenCLI.fail(lang == .en ? "cannot create a temporary file" : "无法创建临时文件", code: 2)
            }
            while true {
                let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                out.write(chunk)
            }
            try? out.close()
            path = tmp
            spooled = tmp
        }
        defer { if let spooled { try? FileManager.default.removeItem(atPath: spooled) } }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            XuanrenCLI.fail(lang == .en ? "cannot read \(file): no such file" : "无法读取 \(file)：文件不存在", code: 2)
        }
        let result: TallyResult
        do {
            result = try BallotBoxReader.tally { try FileByteSource(path: path) }
        } catch {
            XuanrenCLI.fail(for: error)   // not a ballot box: bad input, exit 2
        }
        let text = json ? result.json() : result.table(in: lang)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Reads a file with plain pread(2) calls into the scanner's window, each source at its own offset, so that two
/// readers (the score sheet's second reader) can read one open file at once.
final class FileByteSource: ByteSource, @unchecked Sendable {
    /// The open file, closed when the last source reading it goes.
    final class OpenFile: @unchecked Sendable {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { close(fd) }
    }
    let file: OpenFile
    var offset = 0
    struct OpenError: Error {}
    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw OpenError() }
        file = OpenFile(fd)
    }
    init(_ file: OpenFile, at offset: Int) { self.file = file; self.offset = offset }
    /// The file's size, so that readers can size their buffers.
    var sizeHint: Int? {
        var st = stat()
        guard fstat(file.fd, &st) == 0, st.st_size >= 0 else { return nil }
        return Int(st.st_size)
    }
    func reading(from offset: Int) -> (any ByteSource)? { offset >= 0 ? FileByteSource(file, at: offset) : nil }
    func seek(to offset: Int) -> Bool {
        guard offset >= 0 else { return false }
        self.offset = offset
        return true
    }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = pread(file.fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { offset += n; return n }
            if errno == EINTR { continue }
            throw OpenError()
        }
    }
}
