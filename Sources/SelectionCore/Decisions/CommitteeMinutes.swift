import Foundation

/// DEC-6: one line of a meeting's minutes, formed from the record (never typed): what kind of line it is, the item
/// it belongs to (nil for the meeting's own lines) and its words.
public struct MinutesLine: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case heading, attendance, absence, quorum, item, nominee, opinion, deferral, vote, decision, tie, vacancy, closing
    }
    public var kind: Kind
    public var item: String?
    public var text: String
    public init(_ kind: Kind, item: String? = nil, _ text: String) { self.kind = kind; self.item = item; self.text = text }
}

extension CommitteeMeeting {
    /// DEC-6: the minutes in `l` — attendance, the quorum's figures, each item with its nominees and reasons, every
    /// member's opinion, each round's counts against all members, and what was decided, deferred or left vacant.
    /// An open meeting's minutes say they are a draft.
    public func minutes(in l: Language) -> [MinutesLine] {
        let zh = l == .zhHans
        let sep = zh ? "、" : ", "
        var out: [MinutesLine] = []
        out.append(MinutesLine(.heading, zh ? "\(title)\(title.hasSuffix("会议") ? "" : "会议")纪要（\(day.text(in: l))）" : "Minutes: \(title) (\(day.text(in: l)))"))

        // attendance (DEC-1)
        let present = presentMembers.map(\.name)
        out.append(MinutesLine(.attendance, zh
            ? "应到会成员\(members.count)人，实到\(present.count)人" + (present.isEmpty ? "" : "：" + present.joined(separator: sep))
            : "\(members.count) members, \(present.count) present" + (present.isEmpty ? "" : ": " + present.joined(separator: sep))))
        for m in members {
            if case .absent(let reason) = attendance[m.id] {
                out.append(MinutesLine(.absence, zh ? "缺席：\(m.name)" + (reason.isEmpty ? "" : "（\(reason)）") : "Absent: \(m.name)" + (reason.isEmpty ? "" : " (\(reason))")))
            }
        }
        if !uncalled.isEmpty {
            out.append(MinutesLine(.absence, zh ? "未登记到会情况：" + uncalled.map(\.name).joined(separator: sep) : "Attendance not taken: " + uncalled.map(\.name).joined(separator: sep)))
        }
        out.append(MinutesLine(.quorum, hasQuorum
            ? (zh ? "法定人数为全体成员的\(quorum)以上，即至少\(quorumNeeded)人；到会\(presentCount)人，符合规定"
                  : "Quorum: \(quorum) of all members, at least \(quorumNeeded); \(presentCount) present, quorate")
            : (zh ? "法定人数为全体成员的\(quorum)以上，即至少\(quorumNeeded)人；到会\(presentCount)人，不足法定人数，还需\(quorumShortfall)人"
                  : "Quorum: \(quorum) of all members, at least \(quorumNeeded); \(presentCount) present, not quorate: \(quorumShortfall) more needed")))

        for (n, item) in items.enumerated() {
            out += lines(of: item, number: n + 1, in: l)
        }

        out.append(MinutesLine(.closing, isClosed ? (zh ? "会议结束" : "The meeting closed") : (zh ? "会议尚未结束（本纪要为草稿）" : "The meeting is still open (these minutes are a draft)")))
        return out
    }

    func lines(of item: CommitteeItem, number: Int, in l: Language) -> [MinutesLine] {
        let zh = l == .zhHans
        let sep = zh ? "、" : ", "
        var out: [MinutesLine] = []
        func add(_ k: MinutesLine.Kind, _ text: String) { out.append(MinutesLine(k, item: item.id, text)) }

        let mode = item.isCompetitive
            ? (zh ? "差额，\(item.nominees.count)名人选选\(item.seats)名" : "competitive, \(item.seats) of \(item.nominees.count) nominees")
            : (zh ? "等额" : "one nominee per post")
        let from = item.carriedFrom.map { zh ? "；接续\($0)缓议事项" : "; deferred from \($0)" } ?? ""
        add(.item, zh ? "议题\(number)：\(item.post)（职数\(item.seats)，\(mode)\(from)）" : "Item \(number): \(item.post) (\(item.seats) post\(item.seats == 1 ? "" : "s"), \(mode)\(from))")

        // DEC-2 nominees and opinions
        for p in item.nominees {
            add(.nominee, zh ? "人选：\(p.name)。推荐理由：\(p.reasons)（介绍人：\(p.presenter)）" : "Nominee: \(p.name). Reasons: \(p.reasons) (presented by \(p.presenter))")
        }
        for m in members {
            guard let o = item.opinions[m.id] else { continue }
            switch o {
            case .agree: add(.opinion, zh ? "\(m.name)：同意" : "\(m.name): agrees")
            case .object(let w): add(.opinion, zh ? "\(m.name)：反对——\(w)" : "\(m.name): objects — \(w)")
            case .other(let w): add(.opinion, zh ? "\(m.name)：其他意见——\(w)" : "\(m.name): other opinion — \(w)")
            }
        }

        // DEC-4, DEC-5 rounds
        for r in item.rounds {
            let need = r.approval.fewestExceeding(r.members)
            let counts = r.counts.map { c in
                let passed = r.outcome.passing.contains(c.nominee)
                return zh ? "\(item.name(of: c.nominee)) 同意\(c.yes)票、不同意\(c.no)票、弃权\(c.abstain)票，\(passed ? "超过" : "未超过")"
                          : "\(item.name(of: c.nominee)) yes \(c.yes), no \(c.no), abstain \(c.abstain), \(passed ? "passes" : "does not pass")"
            }.joined(separator: zh ? "；" : "; ")
            let ref = r.ballot.map { zh ? "，表决编号\($0)" : ", ballot \($0)" } ?? ""
            add(.vote, zh
                ? "第\(r.number)轮无记名投票表决（应到\(r.members)人，到会\(r.present)人\(ref)；通过须同意票超过全体成员的\(r.approval)，即至少\(need)票）：\(counts)"
                : "Round \(r.number), secret ballot (\(r.members) members, \(r.present) present\(ref); passing needs more than \(r.approval) of all members, at least \(need) yes): \(counts)")
            let chosen = r.outcome.chosen.map(item.name(of:))
            if !chosen.isEmpty {
                add(.decision, zh ? "决定：\(chosen.joined(separator: sep))任\(item.post)" : "Decided: \(chosen.joined(separator: sep)) for \(item.post)")
            }
            if r.outcome.isTie {
                let tied = r.outcome.tied.map(item.name(of:))
                let yes = r.counts.first { $0.nominee == r.outcome.tied[0] }?.yes ?? 0
                add(.tie, zh ? "\(tied.joined(separator: sep))同意票相同（各\(yes)票），剩余\(r.outcome.tiedSeats)个职数须再次表决"
                             : "\(tied.joined(separator: sep)) tied with \(yes) yes each for the \(r.outcome.tiedSeats) remaining post\(r.outcome.tiedSeats == 1 ? "" : "s"): a re-vote is needed")
            } else if chosen.count < r.seats {
                let unfilled = r.seats - chosen.count
                add(.decision, zh ? "\(unfilled)个职数无人选获得通过" : "\(unfilled) post\(unfilled == 1 ? "" : "s") not filled: no further nominee passed")
            }
        }

        if let reason = item.deferral {
            add(.deferral, zh ? "缓议：\(reason)" : "Deferred: \(reason)")
        }
        if let v = item.vacancy {
            add(.vacancy, zh ? "决定\(v.seats)个职数暂时空缺：\(v.reason)" : "\(v.seats) post\(v.seats == 1 ? "" : "s") left vacant: \(v.reason)")
        }
        return out
    }
}
