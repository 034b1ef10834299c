import Foundation
import Testing
@testable import SelectionCore

// Helpers of the Decision* suites (committee meeting, publicity, probation), prefixed so as not to clash.

enum DecisionFixture {
    static func day(_ text: String) -> CivilDay { CivilDay(text)! }
    static func days(_ texts: String...) -> [CivilDay] { texts.map { CivilDay($0)! } }

    /// Members m1…mn named 委员1…委员n.
    static func roster(_ n: Int) -> [CommitteeMember] { (1 ... n).map { CommitteeMember(id: "m\($0)", name: "委员\($0)") } }

    /// A meeting of `members` with the first `present` marked present and the rest absent.
    static func meeting(members: Int, present: Int, quorum: MemberFraction = MemberFraction(4, 5),
                        approval: MemberFraction = MemberFraction(2, 3)) throws -> CommitteeMeeting {
        var m = try CommitteeMeeting(title: "2025年第12次常委会", day: day("2025-09-10"), members: roster(members), quorum: quorum, approval: approval)
        for i in 1 ... members {
            if i <= present { try m.markPresent("m\(i)") } else { try m.markAbsent("m\(i)", reason: "出差") }
        }
        return m
    }

    static func nominee(_ id: String, _ name: String) -> CommitteeNominee {
        CommitteeNominee(id: id, name: name, reasons: "\(name)政治素质好，实绩突出，民主推荐得票较高", presenter: "组织部 王部长")
    }

    /// An item `p1` for `seats` posts with the given nominees, every present member agreeing.
    static func readyItem(_ m: inout CommitteeMeeting, id: String = "p1", post: String = "办公室主任", seats: Int = 1, nominees: [(String, String)]) throws {
        try m.addItem(id: id, post: post, seats: seats)
        for (nid, name) in nominees { try m.present(nominee(nid, name), on: id) }
        for member in m.presentMembers { try m.recordOpinion(.agree, of: member.id, on: id) }
    }

    static func count(_ id: String, yes: Int, no: Int = 0, abstain: Int = 0) -> NomineeCount { NomineeCount(nominee: id, yes: yes, no: no, abstain: abstain) }

    /// The State Council's calendar shipped in the repository (the test file may be reached through a symlink).
    static func calendar() throws -> HolidayCalendar {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/holidays/cn-state-council.json")
        return try HolidayCalendar.parse([UInt8](try Data(contentsOf: url)))
    }
}

