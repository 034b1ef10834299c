import Foundation
import SelectionCore
import Testing

/// The report case workflow (CAS-1…5) as a pure value.
struct ReportCaseTests {
    static let unit = UUID(), parent = UUID(), lower = UUID(), matter = UUID(), person = UUID()
    static let day = CivilDay(year: 2026, month: 11, day: 2)!

    static func make(_ kind: ReportKind, leaders: Bool = false) -> ReportCase {
        ReportCase(number: "JB2026-00000001", kind: kind, channel: .web, received: day, unit: unit, handlingUnit: leaders ? parent : unit,
                   aboutLeaders: leaders, anonymous: true, by: "12380")
    }

    @Test("CAS-4 a priority kind is always investigated and never filed; other kinds may be filed but not found true without an investigation")
    func priority() throws {
        for kind in ReportKind.allCases {
            var c = Self.make(kind)
            try c.assign(["sup"], on: Self.day, by: "boss")
            if kind.isPriority {
                #expect(throws: CaseError.priorityNotFiled(kind)) { try c.conclude(.filed, conclusion: "无", feedback: "已了结", on: Self.day, by: "sup") }
                #expect(throws: CaseError.priorityInvestigated(kind)) { try c.conclude(.unsubstantiated, conclusion: "经查不属实", feedback: "不属实", on: Self.day, by: "sup") }
                try c.investigate(on: Self.day, by: "sup")
                try c.conclude(.substantiated, conclusion: "经查属实", feedback: "属实，已处理", on: Self.day, by: "sup")
                #expect(c.investigated && c.state == .concluded)
            } else {
                #expect(throws: CaseError.investigateFirst) { try c.conclude(.substantiated, conclusion: "属实", feedback: "属实", on: Self.day, by: "sup") }
                try c.conclude(.filed, conclusion: "反映内容不具体，无法查证", feedback: "已了结存查", on: Self.day, by: "sup")
                #expect(!c.investigated && c.state == .concluded && c.finding == .filed)
            }
        }
    }

    @Test("CAS-3 the effect follows the link: a matter alone is halted, a person is held; nothing once concluded")
    func effects() throws {
        var c = Self.make(.procedure)
        #expect(c.effect == nil)
        try c.target(matter: Self.matter, person: nil, on: Self.day, by: "sup")
        #expect(c.effect == .haltMatter(Self.matter))
        try c.target(matter: Self.matter, person: Self.person, on: Self.day, by: "sup")
        #expect(c.effect == .holdPerson(matter: Self.matter, person: Self.person))
        #expect(throws: CaseError.required("matter")) { try c.target(matter: nil, person: Self.person, on: Self.day, by: "sup") }
        try c.assign(["sup"], on: Self.day, by: "boss")
        try c.investigate(on: Self.day, by: "sup")
        try c.conclude(.unsubstantiated, conclusion: "经查不属实", feedback: "经查不属实", on: Self.day, by: "sup")
        #expect(c.effect == nil)
    }

    @Test("CAS-5 a forwarded case waits for the forwarding unit's review, which accepts or sends it back; CAS-4 leaders' cases are not forwarded down")
    func forwarded() throws {
        var c = Self.make(.qualification)
        try c.forward(to: Self.lower, on: Self.day, by: "county")
        #expect(c.handlingUnit == Self.lower && c.forwardedFrom == Self.unit && c.state == .registered)
        try c.assign(["township"], on: Self.day, by: "township")
        try c.investigate(on: Self.day, by: "township")
        try c.conclude(.unsubstantiated, conclusion: "经查不属实", feedback: "不属实", on: Self.day, by: "township")
        #expect(c.state == .awaitingReview && c.isOpen)
        #expect(throws: CaseError.required("note")) { try c.review(accept: false, note: " ", on: Self.day, by: "county") }
        try c.review(accept: false, note: "调查不充分，补充核查", on: Self.day, by: "county")
        #expect(c.state == .investigating && c.finding == nil)
        try c.conclude(.partly, conclusion: "部分属实", feedback: "部分属实，已处理", on: Self.day, by: "township")
        try c.review(accept: true, note: "", on: Self.day, by: "county")
        #expect(c.state == .concluded && c.concluded == Self.day)
        var leaders = Self.make(.other, leaders: true)
        #expect(throws: CaseError.leadersNotForwarded) { try leaders.forward(to: Self.lower, on: Self.day, by: "x") }
        #expect(leaders.handlingUnit == Self.parent)
    }

    @Test("CAS-1 deadlines: 15 days to accept, 60 to conclude, one extension of 30; dates before receipt are refused")
    func deadlines() throws {
        var c = Self.make(.other)
        #expect(c.due == Self.day.adding(days: 15))
        #expect(!c.overdue(on: Self.day.adding(days: 15)) && c.overdue(on: Self.day.adding(days: 16)))
        #expect(throws: CaseError.beforeReceived(Self.day)) { try c.assign(["sup"], on: Self.day.adding(days: -1), by: "x") }
        try c.assign(["sup"], on: Self.day, by: "x")
        #expect(c.due == Self.day.adding(days: 60))
        try c.extend(reason: "需外调", on: Self.day, by: "sup")
        #expect(c.due == Self.day.adding(days: 90))
        #expect(throws: CaseError.alreadyExtended) { try c.extend(reason: "再次", on: Self.day, by: "sup") }
    }

    @Test("CAS-2 receipt codes carry 100 bits, read back whatever the case and dashes, and look-alike letters map to digits")
    func receipts() {
        let bytes: [UInt8] = (0 ..< 13).map { UInt8($0 * 19 % 256) }
        let code = ReceiptCode.make(bytes)
        #expect(code.count == 24 && code.filter { $0 == "-" }.count == 4)
        #expect(ReceiptCode.normalize(code.lowercased()) == code.replacingOccurrences(of: "-", with: ""))
        #expect(ReceiptCode.bits >= 80)
        #expect(ReceiptCode.normalize("OOOO-IIII-LLLL-0000-1111") == "00001111111100001111")
        #expect(ReceiptCode.normalize("short") == nil)
        #expect(ReceiptCode.normalize("UUUU-UUUU-UUUU-UUUU-UUUU") == nil)   // U is not in Crockford's alphabet
        // different bytes, different codes
        #expect(ReceiptCode.make(bytes) != ReceiptCode.make(bytes.map { $0 ^ 1 }))
    }

    @Test("CAS-1 CAS-5 statistics per unit: received, investigated, concluded, substantiated; units at the threshold flagged")
    func statistics() throws {
        var a = Self.make(.voteBuying)
        try a.assign(["s"], on: Self.day, by: "x"); try a.investigate(on: Self.day, by: "s")
        try a.conclude(.partly, conclusion: "部分属实", feedback: "部分属实", on: Self.day, by: "s")
        var b = Self.make(.other)
        try b.assign(["s"], on: Self.day, by: "x"); try b.conclude(.filed, conclusion: "存查", feedback: "存查", on: Self.day, by: "s")
        let c = Self.make(.procedure)
        var other = Self.make(.other); other.unit = Self.lower
        let late = ReportCase(number: "JB2027-1", kind: .other, channel: .phone, received: CivilDay(year: 2027, month: 1, day: 5)!, unit: Self.unit,
                              handlingUnit: Self.unit, aboutLeaders: false, anonymous: true, by: "x")
        let s = ReportStatistics([a, b, c, other, late], from: CivilDay(year: 2026, month: 1, day: 1)!, to: CivilDay(year: 2026, month: 12, day: 31)!,
                                 today: Self.day.adding(days: 20), threshold: 3)
        let row = try #require(s.rows.first { $0.unit == Self.unit })
        #expect((row.received, row.investigated, row.concluded, row.substantiated, row.priority) == (3, 1, 2, 1, 1))
        #expect(row.overdue == 1)   // c: not assigned within 15 days
        #expect(row.flagged)
        #expect(s.rows.first { $0.unit == Self.lower }?.flagged == false)
        #expect(s.total.received == 4)
    }

    @Test("CAS-1 attachments are recognised by their first bytes, not their names")
    func attachments() {
        #expect(ReportLimits.attachmentType(Array("%PDF-1.7".utf8)) == "application/pdf")
        #expect(ReportLimits.attachmentType([0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
        #expect(ReportLimits.attachmentType([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == "image/png")
        #expect(ReportLimits.attachmentType(Array("<html>".utf8)) == nil)
        #expect(ReportLimits.attachmentType(Array("MZ\u{90}".utf8)) == nil)
    }
}
