import Foundation
import SelectionCore

/// What one reader may do on a check (decided by the store from their grants, the check's kind and unit).
public struct CheckAccess: Sendable, Equatable {
    /// Organizers and supervisors whose grants cover the checked unit.
    public var reads = false
    /// The checking side: for a self-check the unit's own organizers (a grant on the unit, or on its committee's
    /// organization department); for a check from above or a departure check,
    /// organizers and supervisors whose covering grant is on another unit than the checked one (a higher level).
    public var runs = false
    /// Reports rectification (CHK-4): the checked unit's organizers, and the checking side.
    public var rectifies = false
    public init(reads: Bool = false, runs: Bool = false, rectifies: Bool = false) { self.reads = reads; self.runs = runs; self.rectifies = rectifies }
}

/// CHK-2: one newly promoted cadre's facts as a check took them when drawing (so that the list, the reasons and the
/// sample stay as drawn, whatever the record shows later).
public struct CheckFileFacts: Sendable, Equatable, Codable {
    public var matterTitle: String
    public var positionID: String
    public var unitName: String
    public var formerPost: String
    public var facts: PromotionFacts
    /// Every mandatory reason with its state and basis, computed with the check's settings.
    public var reasons: [ReasonResult]
    /// The appointment's document reference (任职文件).
    public var document: String
    public init(matterTitle: String, positionID: String, unitName: String, formerPost: String, facts: PromotionFacts, reasons: [ReasonResult], document: String) {
        self.matterTitle = matterTitle; self.positionID = positionID; self.unitName = unitName; self.formerPost = formerPost
        self.facts = facts; self.reasons = reasons; self.document = document
    }
}

/// CHK-3, CHK-5: what the check read besides the files when it drew its sample.
public struct CheckContext: Sendable, Equatable, Codable {
    /// The main leaders the CHK-3 hints looked at (title and name).
    public var leaders: [String]
    public var hints: [LeaderHint]
    public var priorReports: [PriorReports.Line]
    public init(leaders: [String], hints: [LeaderHint], priorReports: [PriorReports.Line]) { self.leaders = leaders; self.hints = hints; self.priorReports = priorReports }
}

/// One check in a list.
public struct CheckSummary: Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var kind: CheckKind
    public var unitID: UUID
    public var unitName: String
    public var period: CheckPeriod
    public var state: CheckState
    public var updatedAt: Int64
}

/// One file of a check as the page shows it.
public struct CheckFileView: Sendable, Equatable {
    public var id: UUID
    public var matterID: UUID
    public var personID: UUID
    public var cadreID: UUID?
    public var name: String
    public var post: String
    public var appointed: CivilDay?
    public var facts: CheckFileFacts
    public var mandatory: [MandatoryReason]
    public var lot: Int?
    public var sampled: Bool
    public var review: FileReview?
}

/// A check as one reader sees it.
public struct CheckView: Sendable {
    public var id: UUID
    public var check: Check
    public var unitID: UUID
    public var unitName: String
    public var createdBy: String
    /// Every newly promoted cadre the check covers (empty until drawn), in list order.
    public var files: [CheckFileView]
    public var context: CheckContext?
    public var access: CheckAccess
    public var sample: [CheckFileView] { files.filter(\.sampled) }
    public var unreviewed: [CheckFileView] { files.filter { $0.sampled && $0.review == nil } }
}

/// CHK-2: a sample drawn again from a check's stored list with a seed (`xuanren sample`): with the recorded seed, the
/// recorded sample.
public struct CheckSampleReport: Sendable {
    public var checkID: UUID
    public var title: String
    public var unitName: String
    public var period: CheckPeriod
    /// The seed the check recorded when drawing.
    public var recordedSeed: UInt64
    public var sample: FileSampling.Sample
    public struct Row: Sendable, Equatable {
        public var name: String
        public var post: String
    }
    /// The files of the check by their id in the draw (the person's UUID string).
    public var files: [String: Row]
    /// The sample equals the one recorded (same seed and the stored list give the stored lots).
    public var matchesRecorded: Bool
}
