import Foundation

/// What the guards of the last four stages look at (DEC, PUB, PRB): the store reads the matter's meetings,
/// publicity and probation records inside the advancing transaction. `nil` in `StageFacts.decisions` means they
/// were not read, and the guards refuse.
public struct DecisionFacts: Sendable, Equatable {
    /// Meetings held for the matter, and whether one is still open (its minutes not yet formed, DEC-6).
    public var meetings = 0
    public var openMeeting = false
    /// Positions whose seats are neither filled by a vote nor left vacant (DEC-3 deferred items wait here).
    public var undecidedPosts: [String] = []
    /// Everyone the committee chose, with their publicity and probation records.
    public var appointees: [Appointee] = []

    public struct Appointee: Sendable, Equatable {
        public var name: String
        public var publicity: Publicity?
        public var probation: Probation?
        /// CAS-3: an open hold on the person (a report against them), set at any stage: it keeps publicity and the
        /// appointment from going on.
        public var held = false
        public init(name: String, publicity: Publicity? = nil, probation: Probation? = nil, held: Bool = false) {
            self.name = name; self.publicity = publicity; self.probation = probation; self.held = held
        }
        /// Still on the way to appointment (not cancelled by a verified report, PUB-2).
        var isActive: Bool { publicity?.isCancelled != true }
    }

    public init(meetings: Int = 0, openMeeting: Bool = false, undecidedPosts: [String] = [], appointees: [Appointee] = []) {
        self.meetings = meetings; self.openMeeting = openMeeting; self.undecidedPosts = undecidedPosts; self.appointees = appointees
    }

    /// What must hold before a matter leaves one of the decision stages, in words (empty: it may).
    static func exit(_ stage: StageKind, _ d: DecisionFacts?, today: CivilDay) -> [Refusal] {
        guard let d else { return [Refusal("LED-1", zh: "尚未读取本环节的记录", en: "the stage's records have not been read")] }
        var out: [Refusal] = []
        switch stage {
        case .committeeDecision:
            if d.meetings == 0 { out.append(Refusal("DEC-1", zh: "尚未召开讨论决定的会议", en: "no committee meeting has been held")) }
            if d.openMeeting { out.append(Refusal("DEC-6", zh: "会议尚未结束，会议纪要尚未形成", en: "a meeting is still open; its minutes are not formed")) }
            for post in d.undecidedPosts {
                out.append(Refusal("DEC-3", zh: "“\(post)”尚未表决或决定空缺（缓议的议题须提交以后的会议）", en: "“\(post)” is neither voted nor left vacant (a deferred item goes to a later meeting)"))
            }
        case .publicity:
            for a in d.appointees where a.isActive {
                guard let p = a.publicity else {
                    out.append(Refusal("PUB-1", zh: "\(a.name)：尚未发布任前公示", en: "\(a.name): the pre-appointment publicity has not been published"))
                    continue
                }
                if today <= p.ends { out.append(Refusal("PUB-1", zh: "\(a.name)：任前公示至\(p.ends)期满", en: "\(a.name): the publicity runs until \(p.ends)")) }
                if p.isOnHold { out.append(Refusal("PUB-2", zh: "\(a.name)：公示期间收到的举报尚未查清", en: "\(a.name): a report received during publicity is still open")) }
            }
            out += holds(d)
        case .appointment:
            for a in d.appointees where a.isActive && a.publicity?.appointment == nil {
                out.append(Refusal("PUB-3", zh: "\(a.name)：尚未任职", en: "\(a.name): not yet appointed"))
            }
            out += holds(d)
        case .probation:
            for a in d.appointees where a.isActive {
                if let p = a.probation, p.final == nil {
                    out.append(Refusal("PRB-1", zh: "\(a.name)：试用期至\(p.ends)，尚无考核结论", en: "\(a.name): probation until \(p.ends), no outcome recorded"))
                }
            }
        default:
            break
        }
        return out
    }

    static func holds(_ d: DecisionFacts) -> [Refusal] {
        d.appointees.filter { $0.isActive && $0.held && $0.publicity?.appointment == nil }.map {
            Refusal("CAS-3", zh: "\($0.name)：有暂停事项（举报核查中），不能任职", en: "\($0.name): on hold (a report is being looked into); cannot be appointed")
        }
    }
}
