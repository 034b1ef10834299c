@preconcurrency import Crypto
import Foundation
import VaporCSQLite

/// Reads the ledger straight from the SQLite file with the C API (read-only), without the async
/// driver's per-row overhead, and checks it with the same `ChainCheck` as every other path.
/// SQLite is the one vendored by sqlite-nio (our dependency's `VaporCSQLite` module).
enum SQLiteLedgerScan {
    struct OpenError: Error, CustomStringConvertible { var description: String }

    /// Reads rows on one thread and hashes on another (a two-stage pipeline): the time is about
    /// max(read, hash) instead of their sum.
    static func verify(path: String) throws -> ChainCheck {
        var db: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db else {
            throw OpenError(description: "cannot open \(path) read-only")
        }
        defer { sqlite_nio_sqlite3_close(db) }
        var stmt: OpaquePointer?
        let sql = "SELECT seq, at, actor, action, subject_type, subject_id, payload, prev_hash, hash FROM ledger_entries ORDER BY seq"
        guard sqlite_nio_sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw OpenError(description: String(cString: sqlite_nio_sqlite3_errmsg(db)))
        }
        defer { sqlite_nio_sqlite3_finalize(stmt) }

        let queue = BatchQueue(depth: 3)
        let hasher = HashStage(queue: queue)
        let thread = Thread { hasher.run() }
        thread.stackSize = 1 << 20
        thread.start()

        var batch = RowBatch()
        var readError: String? = nil
        while !queue.stopped {
            let rc = sqlite_nio_sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { readError = String(cString: sqlite_nio_sqlite3_errmsg(db)); break }
            batch.append(seq: sqlite_nio_sqlite3_column_int64(stmt, 0), columns: (
                column(stmt, 7), column(stmt, 8), column(stmt, 1), column(stmt, 2), column(stmt, 3),
                column(stmt, 4), column(stmt, 5), column(stmt, 6)))
            if batch.isFull { queue.put(batch); batch = RowBatch() }
        }
        if batch.rows > 0 { queue.put(batch) }
        queue.finish()
        hasher.done.wait()
        if let readError { throw OpenError(description: readError) }
        return hasher.check
    }
}

/// Rows copied out of SQLite: per row the seq and 8 length-prefixed columns
/// (prev_hash, hash, at, actor, action, subject_type, subject_id, payload).
struct RowBatch: @unchecked Sendable {
    static let capacity = 4 << 20
    var data = UnsafeMutableRawBufferPointer.allocate(byteCount: RowBatch.capacity + (1 << 20), alignment: 8)
    var used = 0
    var rows = 0
    var isFull: Bool { used >= RowBatch.capacity }

    mutating func ensure(_ n: Int) {
        if used + n <= data.count { return }
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count * 2, used + n), alignment: 8)
        bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[0 ..< used]))
        data.deallocate()
        data = bigger
    }

    mutating func append(seq: Int64, columns c: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer,
                                                 UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeRawBufferPointer)) {
        let total = 8 + 8 * 4 + c.0.count + c.1.count + c.2.count + c.3.count + c.4.count + c.5.count + c.6.count + c.7.count
        ensure(total + 8)
        data.storeBytes(of: seq, toByteOffset: used, as: Int64.self)
        used += 8
        put(c.0); put(c.1); put(c.2); put(c.3); put(c.4); put(c.5); put(c.6); put(c.7)
        rows += 1
    }

    @inline(__always) mutating func put(_ col: UnsafeRawBufferPointer) {
        data.storeBytes(of: UInt32(col.count), toByteOffset: used, as: UInt32.self)
        used += 4
        if col.count > 0 { (data.baseAddress! + used).copyMemory(from: col.baseAddress!, byteCount: col.count) }
        used += col.count
    }

    func free() { data.deallocate() }
}

/// A bounded hand-over of batches between the reading and the hashing thread.
final class BatchQueue: @unchecked Sendable {
    let cond = NSCondition()
    var items: [RowBatch] = []
    var finished = false
    var stopped = false
    let depth: Int
    init(depth: Int) { self.depth = depth }

    func put(_ b: RowBatch) {
        cond.lock()
        while items.count >= depth && !stopped { cond.wait() }
        if stopped { b.free() } else { items.append(b) }
        cond.broadcast()
        cond.unlock()
    }
    func take() -> RowBatch? {
        cond.lock(); defer { cond.unlock() }
        while items.isEmpty && !finished { cond.wait() }
        if items.isEmpty { return nil }
        let b = items.removeFirst()
        cond.broadcast()
        return b
    }
    func finish() { cond.lock(); finished = true; cond.broadcast(); cond.unlock() }
    /// The hasher found a failure: the reader stops early.
    func stop() { cond.lock(); stopped = true; for b in items { b.free() }; items = []; cond.broadcast(); cond.unlock() }
}

final class HashStage: @unchecked Sendable {
    let queue: BatchQueue
    var check = ChainCheck()
    let done = DispatchSemaphore(value: 0)
    init(queue: BatchQueue) { self.queue = queue }

    func run() {
        defer { done.signal() }
        while let batch = queue.take() {
            defer { batch.free() }
            let base = UnsafeRawPointer(batch.data.baseAddress!)
            var off = 0
            for _ in 0 ..< batch.rows {
                let seq = base.loadUnaligned(fromByteOffset: off, as: Int64.self)
                off += 8
                var cols = (UnsafeRawBufferPointer(start: nil, count: 0), UnsafeRawBufferPointer(start: nil, count: 0),
                            UnsafeRawBufferPointer(start: nil, count: 0), UnsafeRawBufferPointer(start: nil, count: 0),
                            UnsafeRawBufferPointer(start: nil, count: 0), UnsafeRawBufferPointer(start: nil, count: 0),
                            UnsafeRawBufferPointer(start: nil, count: 0), UnsafeRawBufferPointer(start: nil, count: 0))
                withUnsafeMutableBytes(of: &cols) { raw in
                    let list = raw.bindMemory(to: UnsafeRawBufferPointer.self)
                    for i in 0 ..< 8 {
                        let n = Int(base.loadUnaligned(fromByteOffset: off, as: UInt32.self))
                        off += 4
                        list[i] = UnsafeRawBufferPointer(start: base + off, count: n)
                        off += n
                    }
                }
                var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
                withUnsafeMutableBytes(of: &digits) { d in
                    let seqText = formatDecimal(seq, into: d)
                    check.entry(seq: seq, prev: cols.0, hash: cols.1, seqText, cols.2, cols.3, cols.4, cols.5, cols.6, cols.7, parts: 7)
                }
                if check.failure != nil { queue.stop(); return }
            }
        }
    }
}

@inline(__always) func column(_ stmt: OpaquePointer, _ i: Int32) -> UnsafeRawBufferPointer {
    guard let p = sqlite_nio_sqlite3_column_text(stmt, i) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: p, count: Int(sqlite_nio_sqlite3_column_bytes(stmt, i)))
}

/// Writes `v` in decimal into `buf`; returns the used prefix.
func formatDecimal(_ v: Int64, into buf: UnsafeMutableRawBufferPointer) -> UnsafeRawBufferPointer {
    var x = v.magnitude
    var i = buf.count
    repeat { i -= 1; buf[i] = UInt8(48 + x % 10); x /= 10 } while x > 0
    if v < 0 { i -= 1; buf[i] = UInt8(ascii: "-") }
    return UnsafeRawBufferPointer(rebasing: buf[i...])
}

/// The chain rules, applied entry by entry: sequence without gaps, link to the previous hash,
/// and `hash = SHA-256(prevHash "\n" body)` where body is the parts joined by "\n".
struct ChainCheck {
    var lastSeq: Int64 = 0
    var bytes: Int64 = 0
    var failure: VerifyReport.Failure?
    /// The previous entry's hash (hex) and scratch for the computed one.
    private var prev = HexHash(LedgerEntry.genesisHash)
    private var computed = HexHash(LedgerEntry.genesisHash)

    var headHash: String { prev.string }

    mutating func entry(seq: Int64, prev p: UnsafeRawBufferPointer, hash h: UnsafeRawBufferPointer,
                        _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer = .init(start: nil, count: 0),
                        _ c: UnsafeRawBufferPointer = .init(start: nil, count: 0), _ d: UnsafeRawBufferPointer = .init(start: nil, count: 0),
                        _ e: UnsafeRawBufferPointer = .init(start: nil, count: 0), _ f: UnsafeRawBufferPointer = .init(start: nil, count: 0),
                        _ g: UnsafeRawBufferPointer = .init(start: nil, count: 0), parts: Int = 1) {
        let expected = lastSeq + 1
        if seq > expected { failure = .init(seq: expected, kind: .missing); return }
        if seq < expected { failure = .init(seq: seq, kind: .unexpected); return }
        if !prev.equals(p) { failure = .init(seq: seq, kind: .chainBroken); return }
        var sha = SHA256()
        sha.update(bufferPointer: p)
        var n = p.count
        withUnsafeTemporaryAllocation(of: UnsafeRawBufferPointer.self, capacity: 7) { list in
            list[0] = a; list[1] = b; list[2] = c; list[3] = d; list[4] = e; list[5] = f; list[6] = g
            for i in 0 ..< parts {
                sha.update(bufferPointer: HexHash.newline)
                if list[i].count > 0 { sha.update(bufferPointer: list[i]) }
                n += 1 + list[i].count
            }
        }
        computed.set(sha.finalize())
        if !computed.equals(h) { failure = .init(seq: seq, kind: .hashMismatch); return }
        swap(&prev, &computed)
        bytes += Int64(n)
        lastSeq = seq
    }
}

/// 64 hex characters in a fixed buffer.
struct HexHash {
    var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    nonisolated(unsafe) static let newline = UnsafeRawBufferPointer(UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1).initializeMemory(as: UInt8.self, repeating: 0x0A))
    nonisolated(unsafe) static let digits: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        for (i, c) in "0123456789abcdef".utf8.enumerated() { p[i] = c }
        return UnsafePointer(p)
    }()

    init(_ s: String) {
        withUnsafeMutableBytes(of: &storage) { dst in
            for (i, c) in s.utf8.prefix(64).enumerated() { dst[i] = c }
        }
    }

    var string: String { withUnsafeBytes(of: storage) { String(decoding: $0, as: UTF8.self) } }

    @inline(__always) func equals(_ other: UnsafeRawBufferPointer) -> Bool {
        guard other.count == 64 else { return false }
        return withUnsafeBytes(of: storage) { memcmp($0.baseAddress!, other.baseAddress!, 64) == 0 }
    }

    @inline(__always) mutating func set(_ digest: SHA256.Digest) {
        let d = Self.digits
        withUnsafeMutableBytes(of: &storage) { dst in
            digest.withUnsafeBytes { src in
                for i in 0 ..< 32 {
                    let b = src[i]
                    dst[2 * i] = d[Int(b >> 4)]
                    dst[2 * i + 1] = d[Int(b & 15)]
                }
            }
        }
    }
}
