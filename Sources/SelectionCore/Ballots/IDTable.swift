/// Interns ids given as UTF-8 bytes and finds them again without allocating (open addressing).
struct IDTable {
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int] = []
    private(set) var lengths: [Int] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 16) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = Array(repeating: -1, count: n)
        mask = n - 1
    }

    var count: Int { starts.count }

    @inline(__always) static func hash(_ p: UnsafeRawBufferPointer) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    func find(_ p: UnsafeRawBufferPointer) -> Int? {
        var i = Self.hash(p) & mask
        return arena.withUnsafeBytes { a -> Int? in
            while true {
                let s = Int(slots[i])
                if s < 0 { return nil }
                if lengths[s] == p.count {
                    if p.count == 0 || memcmpEqual(a.baseAddress! + starts[s], p.baseAddress!, p.count) { return s }
                }
                i = (i + 1) & mask
            }
        }
    }

    @discardableResult
    mutating func insert(_ p: UnsafeRawBufferPointer) -> Int {
        if (count + 1) * 2 > slots.count { grow() }
        let id = count
        starts.append(arena.count)
        lengths.append(p.count)
        arena.append(contentsOf: p)
        place(id, hash: Self.hash(p))
        return id
    }

    mutating func insert(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
    }

    func find(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    private mutating func place(_ id: Int, hash: Int) {
        var i = hash & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(id)
    }

    private mutating func grow() {
        let n = slots.count * 2
        slots = Array(repeating: -1, count: n)
        mask = n - 1
        for id in 0 ..< count {
            let h = arena.withUnsafeBytes { a in Self.hash(UnsafeRawBufferPointer(rebasing: a[starts[id] ..< starts[id] + lengths[id]])) }
            place(id, hash: h)
        }
    }

    func string(_ id: Int) -> String {
        String(decoding: arena[starts[id] ..< starts[id] + lengths[id]], as: UTF8.self)
    }
}

@inline(__always) func memcmpEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}
