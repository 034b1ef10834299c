/// Interns ids given as UTF-8 bytes and finds them again without allocating (open addressing).
/// Storage is manual so that the hot lookup has no bounds checks, closures or reference counting.
struct IDTable: @unchecked Sendable {
    final class Storage {
        var arena: UnsafeMutablePointer<UInt8>
        var arenaCapacity: Int
        var arenaUsed = 0
        var starts: UnsafeMutablePointer<Int>
        var lengths: UnsafeMutablePointer<Int>
        var entryCapacity: Int
        var count = 0
        var slots: UnsafeMutablePointer<Int32>
        var slotCount: Int

        init(capacity: Int) {
            var n = 16
            while n < capacity * 2 { n <<= 1 }
            slotCount = n
            slots = .allocate(capacity: n)
            slots.initialize(repeating: -1, count: n)
            entryCapacity = n / 2
            starts = .allocate(capacity: entryCapacity)
            lengths = .allocate(capacity: entryCapacity)
            arenaCapacity = 256
            arena = .allocate(capacity: arenaCapacity)
        }

        deinit { arena.deallocate(); starts.deallocate(); lengths.deallocate(); slots.deallocate() }
    }

    private var s: Storage
    // raw views of `s` for lookups without reference counting; refreshed after every change
    private var slots: UnsafeMutablePointer<Int32>
    private var lengths: UnsafeMutablePointer<Int>
    private var starts: UnsafeMutablePointer<Int>
    private var arena: UnsafeMutablePointer<UInt8>
    private var mask: Int

    init(capacity: Int = 16) {
        let st = Storage(capacity: capacity)
        s = st
        slots = st.slots; lengths = st.lengths; starts = st.starts; arena = st.arena; mask = st.slotCount - 1
    }

    private mutating func refresh() {
        slots = s.slots; lengths = s.lengths; starts = s.starts; arena = s.arena; mask = s.slotCount - 1
    }

    var count: Int { s.count }

    @inline(__always) static func hash(_ p: UnsafeRawBufferPointer) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always) func find(_ p: UnsafeRawBufferPointer) -> Int? {
        var i = Self.hash(p) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { return nil }
            if lengths[e] == p.count && (p.count == 0 || memcmpEqual(arena + starts[e], p.baseAddress!, p.count)) { return e }
            i = (i + 1) & mask
        }
    }

    @discardableResult
    mutating func insert(_ p: UnsafeRawBufferPointer) -> Int {
        if !isKnownUniquelyReferenced(&s) { s = copy(); refresh() }
        let st = s
        if (st.count + 1) * 2 > st.slotCount { grow() }
        if st.arenaUsed + p.count > st.arenaCapacity {
            var cap = st.arenaCapacity * 2
            while cap < st.arenaUsed + p.count { cap *= 2 }
            let a = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
            a.update(from: st.arena, count: st.arenaUsed)
            st.arena.deallocate()
            st.arena = a
            st.arenaCapacity = cap
        }
        let id = st.count
        st.starts[id] = st.arenaUsed
        st.lengths[id] = p.count
        if p.count > 0 { (st.arena + st.arenaUsed).update(from: p.baseAddress!.assumingMemoryBound(to: UInt8.self), count: p.count) }
        st.arenaUsed += p.count
        st.count += 1
        place(id, hash: Self.hash(p))
        refresh()
        return id
    }

    mutating func insert(_ string: String) -> Int {
        var string = string
        return string.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
    }

    func find(_ string: String) -> Int? {
        var string = string
        return string.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    private func place(_ id: Int, hash: Int) {
        let mask = s.slotCount - 1
        var i = hash & mask
        while s.slots[i] >= 0 { i = (i + 1) & mask }
        s.slots[i] = Int32(id)
    }

    private func bytes(_ id: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: s.arena + s.starts[id], count: s.lengths[id])
    }

    private mutating func grow() {
        let st = s
        let n = st.slotCount * 2
        st.slots.deallocate()
        st.slots = .allocate(capacity: n)
        st.slots.initialize(repeating: -1, count: n)
        st.slotCount = n
        let cap = n / 2
        let ns = UnsafeMutablePointer<Int>.allocate(capacity: cap), nl = UnsafeMutablePointer<Int>.allocate(capacity: cap)
        ns.update(from: st.starts, count: st.count); nl.update(from: st.lengths, count: st.count)
        st.starts.deallocate(); st.lengths.deallocate()
        st.starts = ns; st.lengths = nl; st.entryCapacity = cap
        for id in 0 ..< st.count { place(id, hash: Self.hash(bytes(id))) }
    }

    private func copy() -> Storage {
        let t = Storage(capacity: s.count)
        var table = IDTable(storage: t)
        for id in 0 ..< s.count { table.insert(bytes(id)) }
        return t
    }

    private init(storage: Storage) {
        s = storage
        slots = storage.slots; lengths = storage.lengths; starts = storage.starts; arena = storage.arena; mask = storage.slotCount - 1
    }

    func string(_ id: Int) -> String { String(decoding: bytes(id), as: UTF8.self) }
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
