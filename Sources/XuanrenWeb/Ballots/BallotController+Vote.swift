import Foundation
import Synchronization
import SelectionCore
import Vapor
import XuanrenStore

/// The voter's pages: code → ballot → confirmation → receipt. No login, no JavaScript; the code is
/// the credential and is carried from step to step in the form only.
extension BallotController {
    struct CodeModel: Encodable { var id: String; var title: String; var code: String; var open: Bool; var action: String; var discipline: DisciplineView? = nil }

    /// DIS-3: the discipline shown to voters, collapsed above the code and the ballot: the matter plan's discipline
    /// and the rules of the open pledge campaign of its unit (nil when there is neither).
    struct DisciplineView: Encodable { var plan: String?; var campaign: String?; var rules: String? }

    func discipline(_ req: Request, _ session: UUID) async throws -> DisciplineView? {
        let d = try await req.store.participantDiscipline(session: session)
        if d.isEmpty { return nil }
        return DisciplineView(plan: d.plan.isEmpty ? nil : d.plan, campaign: d.campaignName, rules: d.rules)
    }

    /// The session as voters need it: no turnout counts (those scan every code).
    func votingSession(_ req: Request) async throws -> BallotSessionInfo {
        let id = try sessionID(req)
        guard let fixed = try await req.store.votingHeader(id), let status = try await req.store.ballotStatus(id) else { throw Abort(.notFound) }
        return BallotSessionInfo(id: id, title: fixed.title, status: status, box: fixed.box, unitName: "", turnout: [], boxHash: nil)
    }

    /// The short link of a slip: the open session whose id starts with the eight hex digits, else 404 (none, or —
    /// very unlikely — more than one). The QR code's `#c=…` fragment stays with the browser across the redirect.
    func voteShort(req: Request) async throws -> Response {
        let key = (req.parameters.get("short") ?? "").uppercased()
        guard key.count == 8, key.allSatisfy(\.isHexDigit) else { throw Abort(.notFound) }
        let matches = try await req.store.openSessionIDs().filter { VoteRoute.shortKey($0) == key }
        guard matches.count == 1 else { throw Abort(.notFound) }
        return req.redirect(to: VoteRoute.start(matches[0]).path, redirectType: .normal)
    }

    func voteStart(req: Request) async throws -> Response {
        let s = try await votingSession(req)
        return try await req.page("vote-code", titleKey: "vote_title", CodeModel(id: s.id.uuidString, title: s.title, code: "", open: s.status == .open,
                                                                                 action: VoteRoute.ballot(s.id).path, discipline: try await discipline(req, s.id)))
    }

    struct Choice: Encodable { var value: String; var label: String; var selected: Bool }
    struct RankField: Encodable { var name: String; var label: String; var options: [Choice] }
    struct ApprovalField: Encodable { var name: String; var candidate: String; var options: [Choice] }
    struct ItemField: Encodable { var name: String; var label: String; var options: [Choice] }
    struct EvaluationBlock: Encodable { var candidate: String; var items: [ItemField]; var overall: ItemField }
    struct BallotModel: Encodable {
        var id: String; var title: String; var code: String; var help: String
        var ranks: [RankField]; var approvals: [ApprovalField]; var evaluations: [EvaluationBlock]; var writeIns: [RankField]; var candidateNames: [String]
    }

    /// The ballot's fields. For paper entry (`paper`), one more choice than allowed and an "unclear" answer
    /// let a clerk enter an invalid paper ballot as it was marked.
    func ballotModel(_ req: Request, _ s: BallotSessionInfo, code: VotingCode?, form: [String: String], paper: Bool = false) -> BallotModel {
        let box = s.box
        let extra = paper ? 1 : 0
        var m = BallotModel(id: s.id.uuidString, title: s.title, code: code?.grouped ?? "",
                            help: req.t(Self.helpKey(box)),
                            ranks: [], approvals: [], evaluations: [], writeIns: [], candidateNames: box.candidates.map(\.name))
        let none = req.t("vote_none")
        switch box.settings {
        case .weightedRecommendation(let set):
            m.ranks = (0 ..< set.maxChoices + extra).map { i in
                RankField(name: "rank\(i)", label: req.t("vote_choice").replacingOccurrences(of: "{n}", with: "\(i + 1)"),
                          options: [Choice(value: "", label: none, selected: (form["rank\(i)"] ?? "").isEmpty)]
                            + box.candidates.map { Choice(value: $0.id, label: $0.name, selected: form["rank\(i)"] == $0.id) })
            }
        case .approval(let set):
            // BAL-7: 同意/不同意/弃权 or 满意/基本满意/不满意/不了解, as radio buttons
            m.approvals = box.candidates.map { c in
                ApprovalField(name: "vote_\(c.id)", candidate: c.name, options: (set.answers.values + (paper ? ["unclear"] : [])).map {
                    Choice(value: $0, label: req.t("vote_\($0)"), selected: form["vote_\(c.id)"] == $0)
                })
            }
        case .evaluation(let set):
            m.evaluations = box.candidates.map { c in
                EvaluationBlock(candidate: c.name, items: set.items.map { i in
                    ItemField(name: "item_\(c.id)_\(i.id)", label: i.name, options: [Choice(value: "", label: "—", selected: false)] + set.tiers.map { t in
                        Choice(value: t.name, label: req.t("tier_\(t.name)"), selected: form["item_\(c.id)_\(i.id)"] == t.name)
                    })
                }, overall: ItemField(name: "overall_\(c.id)", label: req.t("vote_overall"), options: [Choice(value: "", label: "—", selected: false)]
                    + EvaluationCounterLabels.values.map { o in Choice(value: o, label: req.t("overall_\(o)"), selected: form["overall_\(c.id)"] == o) }))
            }
        case .election(let set):
            m.writeIns = (0 ..< set.seats + extra).map { i in RankField(name: "choice\(i)", label: req.t("vote_choice").replacingOccurrences(of: "{n}", with: "\(i + 1)"),
                                                               options: [Choice(value: form["choice\(i)"] ?? "", label: "", selected: true)]) }
        }
        return m
    }

    /// Checks the code (format, check symbol, not yet used) and shows the ballot.
    func voteBallot(req: Request) async throws -> Response {
        let s = try await votingSession(req)
        let form = FormBody.fields(req)
        let typed = form["code"] ?? ""
        func again(_ message: String, _ status: HTTPStatus) async throws -> Response {
            try await req.page("vote-code", titleKey: "vote_title", CodeModel(id: s.id.uuidString, title: s.title, code: typed, open: s.status == .open,
                                                                         action: VoteRoute.ballot(s.id).path, discipline: try await discipline(req, s.id)),
                               error: message, status: status)
        }
        guard s.status == .open else { return try await again(VotingError.sessionNotOpen.message(in: req.language), .conflict) }
        let code: VotingCode
        do { code = try VotingCode.parse(typed) } catch { return try await again(error.message(in: req.language), .badRequest) }
        switch try await req.store.codeStatus(session: s.id, code: code) {
        case .unknown: return try await again(VotingError.unknownCode.message(in: req.language), .badRequest)
        case .spent: return try await again(VotingError.codeAlreadyUsed.message(in: req.language), .conflict)
        case .unused: break
        }
        return try await req.page("vote-ballot", titleKey: "vote_title", try await votePage(req, s, code: code, form: form))
    }

    /// The voting page's model: the ballot fields under `ballot`, as on the paper-entry page.
    struct VotePage: Encodable { var ballot: BallotModel; var previousTitle: String?; var previous: ResultView?; var action: String; var discipline: DisciplineView? }

    /// BAL-4: the voting page shows the previous round's result above the ballot.
    func votePage(_ req: Request, _ s: BallotSessionInfo, code: VotingCode, form: [String: String]) async throws -> VotePage {
        let prev = try await req.store.previousRoundResult(s.id)
        return VotePage(ballot: ballotModel(req, s, code: code, form: form), previousTitle: prev?.title, previous: prev.map { ResultView($0.result, req.language) },
                        action: VoteRoute.confirm(s.id).path, discipline: try await discipline(req, s.id))
    }

    struct ConfirmModel: Encodable { var id: String; var title: String; var code: String; var lines: [String]; var hidden: [Hidden]; var blank: Bool; var action: String }
    struct Hidden: Encodable { var name: String; var value: String }

    /// Shows what will be cast, asking for confirmation; a ballot that would be invalid is sent back.
    func voteConfirm(req: Request) async throws -> Response {
        let s = try await votingSession(req)
        let form = FormBody.fields(req)
        guard let code = try? VotingCode.parse(form["code"] ?? "") else { throw Abort(.badRequest, reason: "error_notFound") }
        let ballot = BallotForms.ballot(from: form, box: s.box)
        // an approval ballot preselects nothing (a missed click is not an abstention): name who is unanswered
        if case .approval(let set) = s.box.settings {
            let missing = s.box.candidates.filter { (form["vote_\($0.id)"] ?? "").isEmpty }.map(\.name)
            if !missing.isEmpty {
                let ask = req.t(set.answers == .satisfaction ? "vote_unanswered_satisfaction" : "vote_unanswered")
                return try await req.page("vote-ballot", titleKey: "vote_title", try await votePage(req, s, code: code, form: form),
                                          error: ask + missing.joined(separator: req.language == .zhHans ? "、" : ", "), status: .badRequest)
            }
        }
        if let reason = try Tally.checkBeforeCasting(ballot, in: s.box) {
            return try await req.page("vote-ballot", titleKey: "vote_title", try await votePage(req, s, code: code, form: form),
                                      error: VotingError.invalidBallot(reason).message(in: req.language), status: .badRequest)
        }
        let names = Dictionary(s.box.candidates.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var lines: [String] = []
        switch ballot {
        case .recommendation(_, let ranking):
            lines = ranking.enumerated().map { "\(req.t("vote_choice").replacingOccurrences(of: "{n}", with: "\($0.offset + 1)"))：\(names[$0.element] ?? $0.element)" }
        case .approval(let votes):
            var leftOut = "abstain"
            if case .approval(let set) = s.box.settings { leftOut = set.answers.values.last ?? leftOut }
            lines = s.box.candidates.map { c in "\(c.name)：\(req.t("vote_\(votes.first { $0.candidate == c.id }?.answer ?? leftOut)"))" }
        case .evaluation(let ratings):
            lines = ratings.map { r in
                "\(names[r.candidate] ?? r.candidate)：" + (r.items ?? []).map { "\($0.item) \(req.t("tier_\($0.tier)"))" }.joined(separator: "，")
                    + "；\(req.t("vote_overall")) \(req.t("overall_\(r.overall ?? "")"))"
            }
        case .election(let choices):
            lines = choices.map { names[$0] ?? $0 }
        }
        let hidden = form.filter { $0.key != "_csrf" }.sorted { $0.key < $1.key }.map { Hidden(name: $0.key, value: $0.value) }
        return try await req.page("vote-confirm", titleKey: "vote_confirm", ConfirmModel(id: s.id.uuidString, title: s.title, code: code.grouped,
                                                                                        lines: lines, hidden: hidden, blank: lines.isEmpty, action: VoteRoute.cast(s.id).path))
    }

    struct DoneModel: Encodable { var id: String; var title: String; var tracking: String }

    func voteCast(req: Request) async throws -> Response {
        // The hot path: title and template from memory; whether the session is still open is decided inside
        // the casting transaction (a closed session refuses the ballot there).
        let id = try sessionID(req)
        guard let fixed = try await req.store.votingHeader(id) else { throw Abort(.notFound) }
        let form = FormBody.fields(req)
        guard let code = try? VotingCode.parse(form["code"] ?? "") else { throw Abort(.badRequest, reason: "error_notFound") }
        let s = BallotSessionInfo(id: id, title: fixed.title, status: .open, box: fixed.box, unitName: "", turnout: [], boxHash: nil)
        if form["back"] != nil { return try await req.page("vote-ballot", titleKey: "vote_title", try await votePage(req, s, code: code, form: form)) }
        let ballot = BallotForms.ballot(from: form, box: s.box)
        do {
            let tracking = try await req.store.cast(session: id, box: s.box, status: .open, code: code, ballot: ballot, tracking: fixed.tracking)
            return try await receipt(req, s, tracking: tracking)
        } catch let e as VotingError {
            let open = (try? await req.store.ballotStatus(id)) == .open
            return try await req.page("vote-code", titleKey: "vote_title", CodeModel(id: id.uuidString, title: s.title, code: "", open: open, action: VoteRoute.ballot(id).path),
                                      error: e.message(in: req.language), status: .conflict)
        }
    }

    /// The confirmation page is the same for every voter of a session but for the tracking code: it is rendered
    /// once per session and language and the code is put in its place (a session without tracking codes has no place).
    func receipt(_ req: Request, _ s: BallotSessionInfo, tracking: String) async throws -> Response {
        let key = "\(s.id.uuidString)|\(req.language.rawValue)|\(tracking.isEmpty ? "-" : "T")"
        let parts: [String]
        if let cached = req.application.receipts.parts(key) {
            parts = cached
        } else {
            let page = try await req.page("vote-done", titleKey: "vote_done",
                                          DoneModel(id: s.id.uuidString, title: s.title, tracking: tracking.isEmpty ? "" : ReceiptPages.slot))
            parts = (page.body.string ?? "").components(separatedBy: ReceiptPages.slot)
            guard parts.count == (tracking.isEmpty ? 1 : 2) else { throw Abort(.internalServerError) }  // the template lost its slot
            req.application.receipts.store(key, parts)
        }
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: parts.joined(separator: tracking)))
    }
}

/// Rendered receipt pages split around the tracking code's place.
final class ReceiptPages: Sendable {
    static let slot = "XUANRENTRACKINGSLOT"
    private let pages = Mutex<[String: [String]]>([:])
    func parts(_ key: String) -> [String]? { pages.withLock { $0[key] } }
    func store(_ key: String, _ parts: [String]) { pages.withLock { if $0.count >= 1_000 { $0.removeAll() }; $0[key] = parts } }
}

struct ReceiptPagesKey: StorageKey { typealias Value = ReceiptPages }

extension Application {
    /// Set up once by `XuanrenApp.configure`.
    var receipts: ReceiptPages { storage[ReceiptPagesKey.self]! }
}

enum EvaluationCounterLabels {
    static let values = ["excellent", "competent", "basic", "incompetent"]
}
