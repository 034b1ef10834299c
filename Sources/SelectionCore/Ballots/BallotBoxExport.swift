/// Writes a ballot box in the `xuanren.ballot-box/1` format (header first, then ballots).
extension BallotBox {
    /// The whole box; `rawBallots` (ballot objects already in JSON, e.g. with tracking codes) replace `ballots`.
    public func json(rawBallots: [String]? = nil) -> String {
        var w = JSONWriter()
        w.open("{")
        w.key("format"); w.string(BallotBox.format)
        w.key("kind"); w.string(kind.rawValue)
        w.key("title"); w.string(title)
        w.key("settings"); w.open("{")
        func fraction(_ f: Fraction) { w.open("{"); w.key("num"); w.int(Int(f.num)); w.key("den"); w.int(Int(f.den)); w.close("}") }
        switch settings {
        case .weightedRecommendation(let s):
            w.key("categories"); w.open("[")
            for c in s.categories {
                w.element(); w.open("{")
                w.key("id"); w.string(c.id); w.key("weight"); w.number(c.weight); w.key("entitled"); w.int(c.entitled)
                w.close("}")
            }
            w.close("]")
            w.key("rankPoints"); w.open("[")
            for p in s.rankPoints { w.element(); w.number(p) }
            w.close("]")
            w.key("unrankedPoints"); w.number(s.unrankedPoints)
            w.key("maxChoices"); w.int(s.maxChoices)
            w.key("minTurnout"); fraction(s.minTurnout)
        case .approval(let s):
            w.key("members"); w.int(s.members)
            w.key("quorum"); fraction(s.quorum)
            switch s.answers {
            case .approval:   // written as before the satisfaction answers existed: no "answers" key
                w.key("threshold"); fraction(s.threshold)
                w.key("base"); w.string(s.base.rawValue)
            case .satisfaction:   // BAL-7: threshold and base do not apply
                w.key("answers"); w.string(s.answers.rawValue)
                w.key("admonishShare"); fraction(s.admonishShare)
                w.key("demoteShare"); fraction(s.demoteShare)
            }
        case .evaluation(let s):
            w.key("entitled"); w.int(s.entitled)
            w.key("minTurnout"); fraction(s.minTurnout)
            w.key("items"); w.open("[")
            for i in s.items {
                w.element(); w.open("{")
                w.key("id"); w.string(i.id); w.key("name"); w.string(i.name); w.key("weight"); w.number(i.weight)
                w.close("}")
            }
            w.close("]")
            w.key("tiers"); w.open("{")
            for t in s.tiers { w.key(t.name); w.number(t.points) }
            w.close("}")
            w.key("consentThreshold"); fraction(s.consentThreshold)
            w.key("demotionShare"); fraction(s.demotionShare)
        case .election(let s):
            w.key("entitled"); w.int(s.entitled)
            w.key("seats"); w.int(s.seats)
            w.key("minTurnout"); fraction(s.minTurnout)
            if let e = s.eligible {
                w.key("eligible"); w.open("[")
                for id in e { w.element(); w.string(id) }
                w.close("]")
            }
        }
        w.close("}")
        w.key("candidates"); w.open("[")
        for c in candidates {
            w.element(); w.open("{"); w.key("id"); w.string(c.id); w.key("name"); w.string(c.name); w.close("}")
        }
        w.close("]")
        w.key("ballots"); w.open("[")
        for raw in rawBallots ?? ballots.map({ $0.json() }) {
            w.out += "\n"
            w.element()
            w.out += raw
            w.done()
        }
        w.close("]")
        w.close("}")
        return w.out + "\n"
    }
}

extension Ballot {
    /// One ballot object of the format; `tracking` adds the voter's tracking code (ignored by counting).
    public func json(tracking: String? = nil) -> String {
        var w = JSONWriter()
        w.open("{")
        if let tracking { w.key("tracking"); w.string(tracking) }
        switch self {
        case .recommendation(let category, let ranking):
            w.key("category"); w.string(category)
            w.key("ranking"); w.open("[")
            for r in ranking { w.element(); w.string(r) }
            w.close("]")
        case .approval(let votes):
            w.key("votes"); w.open("{")
            for v in votes { w.key(v.candidate); w.string(v.answer) }
            w.close("}")
        case .evaluation(let ratings):
            w.key("ratings"); w.open("{")
            for r in ratings {
                w.key(r.candidate); w.open("{")
                if let items = r.items {
                    w.key("items"); w.open("{")
                    for (i, t) in items { w.key(i); w.string(t) }
                    w.close("}")
                }
                if let o = r.overall { w.key("overall"); w.string(o) }
                w.close("}")
            }
            w.close("}")
        case .election(let choices):
            w.key("choices"); w.open("[")
            for c in choices { w.element(); w.string(c) }
            w.close("]")
        }
        w.close("}")
        return w.out
    }
}
