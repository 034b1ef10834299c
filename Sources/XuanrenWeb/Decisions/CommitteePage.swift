import Foundation
import SelectionCore
import XuanrenStore

/// The committee page's model: roster, meetings, and for the open meeting the attendance, quorum and every item's
/// nominees, opinions and vote, with the forms the reader may use.
struct CommitteePage: Encodable {
    struct Option: Encodable { var value: String; var label: String; var selected = false }
    struct Said: Encodable { var text: String; var rule: String }
    struct Member: Encodable { var id: String; var name: String; var title: String; var account: String; var retired: Bool; var retire: String }
    struct Attendee: Encodable { var id: String; var name: String; var title: String; var status: String; var reason: String }
    struct Nominee: Encodable { var id: String; var name: String; var reasons: String; var presenter: String }
    struct Opinion: Encodable { var member: String; var kind: String; var words: String }
    struct Item: Encodable {
        var id: String; var anchor: String; var post: String; var seats: Int; var status: String; var statusText: String
        var carried: String?; var competitive: Bool
        var nominees: [Nominee]; var presentable: [Option]; var canPresent: Bool
        var opinions: [Opinion]; var speakers: [Option]; var canOpine: Bool
        var canDefer: Bool; var canVacant: Bool
        var ballot: [Nominee]; var canVote: Bool; var yesNeeded: Int
        var record: [String]
        var pendingBallot: String?; var canSetUpBallot: Bool
    }
    struct Meeting: Encodable {
        var id: String; var title: String; var day: String; var closed: Bool; var canRecord: Bool
        var members: Int; var present: Int; var needed: Int; var shortfall: Int; var quorate: Bool; var quorum: String; var approval: String
        var attendance: [Attendee]; var items: [Item]; var sha256: String?
        var links: Links
        struct Links: Encodable { var attendance, present, opinion, deferItem, vote, ballot, importBallot, vacant, close, minutes: String }
    }
    var matter: String; var unit: String; var stage: String
    var waiting: [Said]
    var roster: [Member]; var manages: Bool; var canRecord: Bool
    var meetings: [Meeting]; var open: Meeting?
    var canOpen: Bool; var openTitle: String; var today: String
    var custodians: [Option]; var custodianThreshold: String
    var form: [String: String]
    var links: Links
    struct Links: Encodable { var matter, addMember, open, publicity: String }

    static func make(_ o: CommitteeOverview, id: UUID, lang: Language, t: (String) -> String, today: CivilDay,
                     custodians: [(username: String, displayName: String)], form: [String: String]) -> CommitteePage {
        let roster = o.roster.map { r in
            Member(id: r.id.uuidString, name: r.name, title: r.title, account: r.account ?? "", retired: r.retired, retire: CommitteeRoute.retireMember(id, member: r.id).path)
        }
        let meetings = o.meetings.map { meeting($0, o, id: id, lang: lang, t: t) }
        let chosen = Set((form["custodians"] ?? "").split(separator: ",").map(String.init))
        let count = o.meetings.count + 1
        return CommitteePage(
            matter: o.matter.title, unit: o.unitName, stage: o.matter.current?.title(in: lang) ?? o.matter.phase.title(in: lang),
            waiting: o.waitingFor.map { Said(text: $0.text(in: lang), rule: $0.rule) },
            roster: roster, manages: o.manages, canRecord: o.canRecord,
            meetings: meetings.filter(\.closed), open: meetings.first { !$0.closed },
            canOpen: o.canRecord && !o.meetings.contains { !$0.isClosed },
            openTitle: form["title"] ?? (lang == .zhHans ? "\(o.unitName)常委会会议（第\(count)次）" : "Committee meeting \(count)"), today: form["day"] ?? today.description,
            custodians: custodians.map { Option(value: $0.username, label: "\($0.displayName)（\($0.username)）", selected: chosen.contains($0.username)) },
            custodianThreshold: form["custodianThreshold"] ?? String(CustodianPlan.defaultThreshold), form: form,
            links: Links(matter: MatterRoute.show(id).path, addMember: CommitteeRoute.addMember(id).path, open: CommitteeRoute.open(id).path,
                         publicity: PublicityRoute.page(id).path))
    }

    static func meeting(_ v: MeetingView, _ o: CommitteeOverview, id: UUID, lang: Language, t: (String) -> String) -> Meeting {
        let m = v.meeting
        let titles = Dictionary(o.roster.map { ($0.id.uuidString, $0.title) }, uniquingKeysWith: { a, _ in a })
        let attendance = m.members.map { member -> Attendee in
            switch m.attendance[member.id] {
            case .present: Attendee(id: member.id, name: member.name, title: titles[member.id] ?? "", status: "present", reason: "")
            case .absent(let reason): Attendee(id: member.id, name: member.name, title: titles[member.id] ?? "", status: "absent", reason: reason)
            case nil: Attendee(id: member.id, name: member.name, title: titles[member.id] ?? "", status: "", reason: "")
            }
        }
        let minutes = m.minutes(in: lang)
        let items = m.items.map { item -> Item in
            let open = !m.isClosed && v.canRecord
            let status = item.status
            let presented = Set(item.nominees.map(\.id))
            let presentable = o.candidates.filter { $0.positionID == item.id && !presented.contains($0.id.uuidString) }
                .map { Option(value: $0.id.uuidString, label: $0.name) }
            let ballot = (try? m.ballot(for: item.id)) ?? []
            let pending = v.pendingBallot(for: item)
            let votable = status == .open || status == .awaitingRevote
            return Item(
                id: item.id, anchor: "item-\(item.id)", post: item.post, seats: item.seats, status: status.rawValue, statusText: status.title(in: lang),
                carried: item.carriedFrom, competitive: item.isCompetitive,
                nominees: item.nominees.map { Nominee(id: $0.id, name: $0.name, reasons: $0.reasons, presenter: $0.presenter) },
                presentable: presentable, canPresent: open && status == .open && item.opinions.isEmpty && !presentable.isEmpty,
                opinions: m.members.compactMap { member in
                    guard let op = item.opinions[member.id] else { return nil }
                    switch op {
                    case .agree: return Opinion(member: member.name, kind: t("dec_op_agree"), words: "")
                    case .object(let w): return Opinion(member: member.name, kind: t("dec_op_object"), words: w)
                    case .other(let w): return Opinion(member: member.name, kind: t("dec_op_other"), words: w)
                    }
                },
                speakers: m.presentMembers.map { Option(value: $0.id, label: $0.name) },
                canOpine: open && status == .open && !item.nominees.isEmpty,
                canDefer: open && votable, canVacant: open && [.open, .awaitingRevote, .decided].contains(status) && item.seatsOpen > 0,
                ballot: ballot.map { Nominee(id: $0.id, name: $0.name, reasons: "", presenter: "") },
                canVote: open && votable && !ballot.isEmpty && pending == nil, yesNeeded: m.yesNeeded,
                record: minutes.filter { $0.item == item.id && [.vote, .decision, .tie, .deferral, .vacancy].contains($0.kind) }.map(\.text),
                pendingBallot: pending.map { BallotRoute.detail($0.session).path },
                canSetUpBallot: open && votable && !ballot.isEmpty && pending == nil)
        }
        let mid = v.id
        return Meeting(
            id: mid.uuidString, title: m.title, day: m.day.text(in: lang), closed: m.isClosed, canRecord: v.canRecord,
            members: m.members.count, present: m.presentCount, needed: m.quorumNeeded, shortfall: m.quorumShortfall, quorate: m.hasQuorum,
            quorum: m.quorum.description, approval: m.approval.description, attendance: attendance, items: items, sha256: v.minutesSHA256,
            links: .init(attendance: CommitteeRoute.attendance(id, meeting: mid).path, present: CommitteeRoute.present(id, meeting: mid).path,
                         opinion: CommitteeRoute.opinion(id, meeting: mid).path, deferItem: CommitteeRoute.deferItem(id, meeting: mid).path,
                         vote: CommitteeRoute.vote(id, meeting: mid).path, ballot: CommitteeRoute.ballot(id, meeting: mid).path,
                         importBallot: CommitteeRoute.importBallot(id, meeting: mid).path, vacant: CommitteeRoute.vacant(id, meeting: mid).path,
                         close: CommitteeRoute.close(id, meeting: mid).path, minutes: CommitteeRoute.minutes(id, meeting: mid).path))
    }
}
