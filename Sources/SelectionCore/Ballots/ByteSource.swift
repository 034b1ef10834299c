/// Where ballot-box bytes come from. SelectionCore does no I/O: the CLI reads a file, tests give memory.
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes; returns how many (0 at the end).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// The total size when known, so small inputs get a small window.
    var sizeHint: Int? { get }
    /// Another source over the same bytes from `offset` on, reading independently of this one (for a second
    /// reader on another thread); nil when the bytes cannot be read twice.
    func reading(from offset: Int) -> (any ByteSource)?
    /// Goes on from `offset` of the whole input; false when this source cannot. A source that can give
    /// `reading(from:)` can also seek.
    mutating func seek(to offset: Int) -> Bool
}

extension ByteSource {
    public var sizeHint: Int? { nil }
    public func reading(from offset: Int) -> (any ByteSource)? { nil }
    public mutating func seek(to offset: Int) -> Bool { false }
}

/// Bytes already in memory.
public struct MemoryByteSource: ByteSource {
    let bytes: [UInt8]
    var offset = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    public var sizeHint: Int? { bytes.count }
    public func reading(from offset: Int) -> (any ByteSource)? {
        var s = self
        return s.seek(to: offset) ? s : nil
    }
    public mutating func seek(to offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count else { return false }
        self.offset = offset
        return true
    }
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        if n > 0 {
            bytes.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
            }
        }
        offset += n
        return n
    }
}
