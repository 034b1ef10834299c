import Foundation

/// CAS-2: the one-time receipt code a reporter keeps to follow the report (as GlobaLeaks does): 20 characters of
/// Crockford base 32 = 100 bits, shown once, stored only as a keyed hash.
public enum ReceiptCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let characters = 20
    /// log2(32) × 20.
    public static let bits = 100

    /// A code from 13 random bytes (the last 4 bits unused), in groups of four: `7K2M-…`.
    public static func make(_ bytes: [UInt8]) -> String {
        precondition(bytes.count >= 13)
        var out = ""
        var acc: UInt32 = 0, n = 0, made = 0
        for b in bytes {
            acc = (acc << 8) | UInt32(b); n += 8
            while n >= 5 && made < characters {
                n -= 5
                out.append(alphabet[Int((acc >> UInt32(n)) & 31)])
                made += 1
                if made % 4 == 0 && made < characters { out.append("-") }
            }
            acc &= (1 << UInt32(n)) - 1
        }
        return out
    }

    /// The code as typed, normalized (case, spaces, dashes, and the look-alikes O→0, I/L→1), or nil when it cannot be one.
    public static func normalize(_ raw: String) -> String? {
        var chars: [Character] = []
        for c in raw.uppercased() {
            switch c {
            case " ", "-", "\t": continue
            case "O": chars.append("0")
            case "I", "L": chars.append("1")
            default:
                guard alphabet.contains(c) else { return nil }
                chars.append(c)
            }
        }
        guard chars.count == characters else { return nil }
        return String(chars)
    }
}

/// CAS-1, CAS-5: the counts of one unit over a period — received, investigated, concluded, substantiated — and
/// whether it has so many reports that it goes under key management.
public struct ReportStatistics: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var unit: UUID
        public var received = 0
        public var investigated = 0
        public var concluded = 0
        /// Concluded substantiated or partly substantiated.
        public var substantiated = 0
        public var priority = 0
        public var overdue = 0
        /// CAS-5: at or above the key-management threshold.
        public var flagged = false
        public var byKind: [ReportKind: Int] = [:]
        public init(unit: UUID) { self.unit = unit }
    }

    public var rows: [Row]
    public var threshold: Int

    /// The statistics of `cases` received in `from…to`, per unit (units without a case are left out).
    public init(_ cases: [ReportCase], from: CivilDay, to: CivilDay, today: CivilDay, threshold: Int) {
        var byUnit: [UUID: Row] = [:]
        for c in cases where c.received >= from && c.received <= to {
            var r = byUnit[c.unit] ?? Row(unit: c.unit)
            r.received += 1
            if c.investigated { r.investigated += 1 }
            if c.state == .concluded { r.concluded += 1 }
            if c.state == .concluded, c.finding?.substantiates == true { r.substantiated += 1 }
            if c.kind.isPriority { r.priority += 1 }
            if c.overdue(on: today) { r.overdue += 1 }
            r.byKind[c.kind, default: 0] += 1
            byUnit[c.unit] = r
        }
        self.threshold = threshold
        rows = byUnit.values.map { var r = $0; r.flagged = threshold > 0 && r.received >= threshold; return r }
            .sorted { ($0.received, $1.unit.uuidString) > ($1.received, $0.unit.uuidString) }
    }

    public var total: Row {
        var t = Row(unit: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        for r in rows {
            t.received += r.received; t.investigated += r.investigated; t.concluded += r.concluded
            t.substantiated += r.substantiated; t.priority += r.priority; t.overdue += r.overdue
            for (k, n) in r.byKind { t.byKind[k, default: 0] += n }
        }
        return t
    }
}

/// CAS-1 limits of the public form (as 12380's): the text, the attachments and their types.
public enum ReportLimits {
    public static let maxText = 10_000
    public static let minText = 10
    public static let maxAttachments = 3
    public static let maxAttachmentBytes = 5 * 1024 * 1024

    /// The attachment's type from its first bytes (never from its name or declared type): PDF, JPEG or PNG.
    public static func attachmentType(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return "application/pdf" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }
}
