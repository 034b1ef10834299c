/// Where ballot-box bytes come from. SelectionCore does no I/O: the CLI reads a file, tests give memory.
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes; returns how many (0 at the end).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// The total size when known, so small inputs get a small window.
    var sizeHint: Int? { get }
}

extension ByteSource {
    public var sizeHint: Int? { nil }
}

/// Bytes already in memory.
public struct MemoryByteSource: ByteSource {
    let bytes: [UInt8]
    var offset = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    public var sizeHint: Int? { bytes.count }
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
