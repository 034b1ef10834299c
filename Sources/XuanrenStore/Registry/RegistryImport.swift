import Foundation
import SelectionCore
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading uploaded registry files: one `.lrmx`, a `.zip` of many, or a spreadsheet (`.csv`/`.tsv`,
/// UTF-8 or GB18030/GBK). Imports are hostile input: size limits (each upload, each zip member and the whole
/// expanded zip, checked while expanding), a time limit, no path traversal in zips, no oversize or too many
/// members, XML without DTDs (see `XMLReader`). Parsing runs on its own thread (`ImportWorkers`), never on the
/// pool that bcrypt uses. The web upload and `xuanren cadre import` both read files with `read`.
public enum RegistryImport {
    public static let maxUpload = 256 << 20
    public static let maxMembers = 20_000
    public static let maxMemberBytes = 16 << 20
    /// All members of a zip together, expanded (a 1 MB zip of 63 members of 16 MiB each stops here).
    public static let maxTotalBytes = 256 << 20
    /// Reading one upload (expanding, XML, text decoding) may take this long.
    public static let maxSeconds = 120

    public enum Problem: Error, Sendable, Equatable {
        case tooLarge(Int)
        case unknownKind(String)
        case notZip
        case unsafePath(String)
        case memberTooLarge(String)
        case tooManyMembers
        case totalTooLarge
        case tooSlow
        case undecodable
        case empty

        public func message(in l: Language) -> String {
            switch (self, l) {
            case (.tooLarge(let n), .zhHans): "文件过大（上限\(n >> 20) MB）"
            case (.tooLarge(let n), .en): "file too large (limit \(n >> 20) MB)"
            case (.unknownKind(let name), .zhHans): "不支持的文件类型“\(name)”：请上传 .lrmx、.zip、.csv 或 .tsv 文件"
            case (.unknownKind(let name), .en): "unsupported file “\(name)”: upload a .lrmx, .zip, .csv or .tsv file"
            case (.notZip, .zhHans): "不是有效的 zip 文件"
            case (.notZip, .en): "not a valid zip file"
            case (.unsafePath(let p), .zhHans): "压缩包内的路径“\(p)”不安全（含“..”或绝对路径），拒绝导入"
            case (.unsafePath(let p), .en): "unsafe path “\(p)” in the zip (“..” or absolute); refused"
            case (.memberTooLarge(let p), .zhHans): "压缩包内的“\(p)”解压后超过\(maxMemberBytes >> 20) MB，拒绝导入"
            case (.memberTooLarge(let p), .en): "“\(p)” in the zip is over \(maxMemberBytes >> 20) MB uncompressed; refused"
            case (.tooManyMembers, .zhHans): "压缩包内文件过多（上限\(maxMembers)个）"
            case (.tooManyMembers, .en): "too many files in the zip (limit \(maxMembers))"
            case (.totalTooLarge, .zhHans): "压缩包解压后总大小超过\(maxTotalBytes >> 20) MB，拒绝导入"
            case (.totalTooLarge, .en): "the zip expands to more than \(maxTotalBytes >> 20) MB; refused"
            case (.tooSlow, .zhHans): "文件读取超过\(maxSeconds)秒，已停止；请拆分后分批导入"
            case (.tooSlow, .en): "reading the file took more than \(maxSeconds) s and was stopped; split it into smaller batches"
            case (.undecodable, .zhHans): "无法识别文件编码（应为UTF-8或GB18030/GBK）"
            case (.undecodable, .en): "cannot read the text encoding (UTF-8 or GB18030/GBK expected)"
            case (.empty, .zhHans): "文件为空"
            case (.empty, .en): "the file is empty"
            }
        }
    }

    public enum Kind: Sendable { case lrmx, zip, table }

    public static func kind(of filename: String) -> Kind? {
        let name = filename.lowercased()
        if name.hasSuffix(".lrmx") || name.hasSuffix(".xml") { return .lrmx }
        if name.hasSuffix(".zip") { return .zip }
        if name.hasSuffix(".csv") || name.hasSuffix(".tsv") || name.hasSuffix(".txt") { return .table }
        return nil
    }

    /// One member of an upload: its name and bytes.
    public struct Member: Sendable { public var name: String; public var bytes: [UInt8] }

    /// One file read from an upload: the file, or why it could not be read (in both languages).
    public struct ReadFile: Sendable, Codable {
        public var source: String
        public var file: CadreFile?
        public var zh: String?
        public var en: String?
        public init(source: String, file: CadreFile?, zh: String? = nil, en: String? = nil) { self.source = source; self.file = file; self.zh = zh; self.en = en }
    }

    /// What an upload holds: files (one `.lrmx`, or the members of a zip), or the text of a sheet (mapped to
    /// columns afterwards).
    public enum Upload: Sendable {
        case files([ReadFile])
        case table(String)
    }

    /// Reads an upload on the import thread, within the size and time limits.
    public static func read(name: String, bytes: [UInt8], ladder: RankLadder, seconds: Int = maxSeconds) async throws -> Upload {
        if bytes.count > maxUpload { throw Problem.tooLarge(maxUpload) }
        guard let kind = kind(of: name) else { throw Problem.unknownKind(name) }
        return try await ImportWorkers.run { () throws(Problem) -> Upload in
            let deadline = ContinuousClock.now + .seconds(seconds)
            switch kind {
            case .lrmx:
                return .files([readFile(name: name, bytes: bytes, ladder: ladder)])
            case .zip:
                var files: [ReadFile] = []
                try eachLRMXMember(ofZip: Data(bytes), deadline: deadline) { m in files.append(readFile(name: m.name, bytes: m.bytes, ladder: ladder)) }
                if files.isEmpty { throw .empty }
                return .files(files)
            case .table:
                return .table(try text(bytes))
            }
        }
    }

    static func readFile(name: String, bytes: [UInt8], ladder: RankLadder) -> ReadFile {
        do {
            return ReadFile(source: name, file: try LRMX.read(bytes, ladder: ladder))
        } catch {
            return ReadFile(source: name, file: nil, zh: error.message(in: .zhHans), en: error.message(in: .en))
        }
    }

    /// The `.lrmx` members of a zip (at most `maxTotalBytes` together).
    public static func lrmxMembers(ofZip data: Data, deadline: ContinuousClock.Instant = .now + .seconds(maxSeconds)) throws(Problem) -> [Member] {
        var out: [Member] = []
        try eachLRMXMember(ofZip: data, deadline: deadline) { out.append($0) }
        return out
    }

    /// Hands each `.lrmx` member of a zip to `body` as soon as it is expanded (only one member's bytes are held
    /// at a time). Each member is checked before it is expanded and while it is expanded (the sizes in a zip
    /// header can lie): its own size, the total expanded so far, and the time.
    public static func eachLRMXMember(ofZip data: Data, deadline: ContinuousClock.Instant, maxTotal: Int = maxTotalBytes,
                                      _ body: (Member) throws(Problem) -> Void) throws(Problem) {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw .notZip }
        var total = 0
        var count = 0
        for entry in archive {
            count += 1
            if count > maxMembers { throw .tooManyMembers }
            if ContinuousClock.now > deadline { throw .tooSlow }
            let path = entry.path
            let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            if path.hasPrefix("/") || path.hasPrefix("\\") || parts.contains("..") || path.contains(":") { throw .unsafePath(path) }
            guard entry.type == .file else { continue }
            let lower = path.lowercased()
            guard lower.hasSuffix(".lrmx") || lower.hasSuffix(".xml"), !parts.contains(where: { $0.hasPrefix("__MACOSX") || $0.hasPrefix("._") }) else { continue }
            if entry.uncompressedSize > UInt64(maxMemberBytes) { throw .memberTooLarge(path) }
            if total + Int(entry.uncompressedSize) > maxTotal { throw .totalTooLarge }
            var bytes: [UInt8] = []
            var stop: Problem?
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    if bytes.count + chunk.count > maxMemberBytes { stop = .memberTooLarge(path) }
                    else if total + bytes.count + chunk.count > maxTotal { stop = .totalTooLarge }
                    else if ContinuousClock.now > deadline { stop = .tooSlow }
                    if let stop { throw stop }
                    bytes.append(contentsOf: chunk)
                }
            } catch {
                if let stop { throw stop }
                throw .notZip
            }
            total += bytes.count
            try body(Member(name: path, bytes: bytes))
        }
    }

    /// Text of a spreadsheet: UTF-8 (with or without BOM), else GB18030 (which covers GBK).
    public static func text(_ bytes: [UInt8]) throws(Problem) -> String {
        if bytes.isEmpty { throw .empty }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        guard let s = convert(bytes, from: "GB18030") else { throw .undecodable }
        return s
    }

    /// iconv (glibc) conversion to UTF-8.
    static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        #if canImport(Glibc)
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return false }
                outBuf[outBuf.count - outLeft] = 0
                return true
            }
        }
        guard ok else { return nil }
        return output.withUnsafeBufferPointer { String(validatingCString: $0.baseAddress!) }
        #else
        return nil
        #endif
    }
}

/// An upload waiting for its preview to be confirmed (a scratch area: nothing in the registry
/// changes until the import itself, which goes through the ledger). Kept for a day.
extension Store {
    public func stageImport(account: UUID, name: String, data: String) async throws -> UUID {
        let id = UUID()
        let cutoff = Store.now() - 86_400
        try await sql.raw("DELETE FROM import_batches WHERE created_at < \(bind: cutoff)").run()
        try await sql.raw("INSERT INTO import_batches (id, account_id, created_at, name, data) VALUES (\(bind: id), \(bind: account), \(bind: Store.now()), \(bind: name), \(bind: data))").run()
        return id
    }

    public func stagedImport(_ id: UUID, account: UUID) async throws -> (name: String, data: String)? {
        guard let row = try await sql.raw("SELECT name, data FROM import_batches WHERE id = \(bind: id) AND account_id = \(bind: account)").first() else { return nil }
        return (try row.decode(column: "name", as: String.self), try row.decode(column: "data", as: String.self))
    }

    public func dropStaged(_ id: UUID) async throws {
        try await sql.raw("DELETE FROM import_batches WHERE id = \(bind: id)").run()
    }
}

/// An upload that cannot be read is bad input (400, exit 2), with its reason in the user's language.
extension RegistryImport.Problem: UserFacingError {
    public var kind: ErrorKind { .badInput }
}
