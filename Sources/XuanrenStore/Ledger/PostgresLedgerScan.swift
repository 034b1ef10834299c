import FluentKit
import FluentPostgresDriver
import Foundation
import NIOCore

/// Streams the ledger from PostgreSQL row by row (PostgresNIO's row sequence) into batches that a
/// second thread hashes (`HashStage`, shared with the SQLite scan): the event loop decodes the wire
/// protocol, this task copies cells, the hasher checks the chain — three stages that overlap.
enum PostgresLedgerScan {
    static func verify(_ db: any Database) async throws -> ChainCheck? {
        guard let pg = db as? any PostgresDatabase else { return nil }
        return try await pg.withConnection { conn in
            conn.eventLoop.makeFutureWithTask { try await scan(conn) }
        }.get()
    }

    static func scan(_ conn: PostgresConnection) async throws -> ChainCheck {
        let rows = try await conn.query(
            "SELECT seq, prev_hash, hash, at, actor, action, subject_type, subject_id, payload FROM ledger_entries ORDER BY seq",
            logger: conn.logger)
        let queue = BatchQueue(depth: 3)
        let hasher = HashStage(queue: queue)
        let thread = Thread { hasher.run() }
        thread.start()
        var batch = RowBatch()
        do {
            for try await row in rows {
                if queue.stopped { break }
                var it = row.makeIterator()
                guard let first = it.next() else { continue }
                let seq = try first.decode(Int64.self)
                var cells = (ByteBuffer(), ByteBuffer(), ByteBuffer(), ByteBuffer(), ByteBuffer(), ByteBuffer(), ByteBuffer(), ByteBuffer())
                cells.0 = it.next()?.bytes ?? ByteBuffer(); cells.1 = it.next()?.bytes ?? ByteBuffer()
                cells.2 = it.next()?.bytes ?? ByteBuffer(); cells.3 = it.next()?.bytes ?? ByteBuffer()
                cells.4 = it.next()?.bytes ?? ByteBuffer(); cells.5 = it.next()?.bytes ?? ByteBuffer()
                cells.6 = it.next()?.bytes ?? ByteBuffer(); cells.7 = it.next()?.bytes ?? ByteBuffer()
                batch.append(seq: seq, buffers: cells)
                if batch.isFull { queue.put(batch); batch = RowBatch() }
            }
        } catch {
            queue.stop(); queue.finish(); hasher.done.wait()
            throw error
        }
        if batch.rows > 0 { queue.put(batch) } else { batch.free() }
        queue.finish()
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { hasher.done.wait(); c.resume() }
        }
        return hasher.check
    }
}

extension RowBatch {
    mutating func append(seq: Int64, buffers b: (ByteBuffer, ByteBuffer, ByteBuffer, ByteBuffer, ByteBuffer, ByteBuffer, ByteBuffer, ByteBuffer)) {
        b.0.withUnsafeReadableBytes { c0 in b.1.withUnsafeReadableBytes { c1 in b.2.withUnsafeReadableBytes { c2 in
        b.3.withUnsafeReadableBytes { c3 in b.4.withUnsafeReadableBytes { c4 in b.5.withUnsafeReadableBytes { c5 in
        b.6.withUnsafeReadableBytes { c6 in b.7.withUnsafeReadableBytes { c7 in
            append(seq: seq, columns: (c0, c1, c2, c3, c4, c5, c6, c7))
        }}}}}}}}
    }
}
