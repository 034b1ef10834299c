import Foundation
import SelectionCore
import XuanrenStore

/// The page model of a matter's record (一事一记) and of one person's table (一人一表), LED-1 and LED-3: built from the
/// store's `SelectionRecord` (which has already withheld what the reader may not read) and the UI catalog, with no
/// database here. The web page and `xuanren matter table --pdf` render the same model with the same template
/// (`matter-record-doc.leaf`).
struct RecordPage: Encodable {
    struct Field: Encodable { var label: String; var value: String }
    struct Line: Encodable {
        /// The entry's sequence number; for a run of entries shown as one line, the first, and the last as `through`.
        var seq: String
        var through: String?
        var day: String; var time: String; var actor: String; var title: String; var about: String?
        var fields: [Field]; var record: [Field]
        /// Talk contents this reader may read: on screen only, never printed.
        var confidential: Bool
        /// Content this reader may not read: only that it exists shows.
        var withheld: Bool
        /// Talk contents left out of a printed document (the command line's PDF).
        var notPrinted: Bool
        /// `matches`, `differs`, `superseded` (a CSS class) and its words.
        var check: String?; var checkText: String?
    }
    struct Section: Encodable { var title: String; var lines: [Line] }
    struct PersonRow: Encodable { var name: String; var position: String; var status: String; var href: String? }

    var isTable: Bool
    var heading: String
    var matter: String; var unit: String; var procedure: String; var state: String
    var person: PersonRow?
    var people: [PersonRow]
    var sections: [Section]
    var lines: Int; var entries: Int
    var printed: String
    var head: String; var headHash: String; var checkpoint: String?
    /// The ledger when this was read: its head, its latest checkpoint, and how many entries the lines stand for.
    var ledgerLine: String
    /// The reader reads talk contents (they show on screen, and are left out of the print).
    var confidentialOnScreen: Bool
    var registryWithheld: Bool
    /// The one-line explanation of how to check a line against the ledger.
    var verify: String
    // links (none in the command line's document)
    var back: String?; var backLabel: String?; var recordHref: String?; var inspectionHref: String?

    /// `links`: the page's links (the web page); `screen`: whether confidential contents the reader may read are in the
    /// model at all (the web page, which hides them in print; never in the command line's PDF).
    static func make(_ r: SelectionRecord, t: (String) -> String, links: Bool, screen: Bool) -> RecordPage {
        let lang = r.language
        func line(_ l: SelectionRecord.Line) -> Line {
            var check: String?, checkText: String?
            switch l.check {
            case .matches?: check = "matches"; checkText = t("record_check_matches")
            case .differs?: check = "differs"; checkText = t("record_check_differs")
            case .superseded(let later)?: check = "superseded"; checkText = t("record_check_superseded").replacingOccurrences(of: "{seq}", with: String(later))
            case nil: break
            }
            let hidden = l.confidential && !screen
            return Line(seq: String(l.seq), through: l.lastSeq > l.seq ? String(l.lastSeq) : nil, day: l.day.description, time: l.time, actor: l.actor, title: l.title,
                        about: l.about, fields: l.fields.map { Field(label: $0.label, value: $0.value) },
                        record: hidden ? Array(l.record.prefix(1)).map { Field(label: $0.label, value: $0.value) } : l.record.map { Field(label: $0.label, value: $0.value) },
                        confidential: l.confidential && screen, withheld: l.withheld, notPrinted: hidden, check: check, checkText: checkText)
        }
        func row(_ p: SelectionRecord.Person) -> PersonRow {
            PersonRow(name: p.name, position: p.position, status: p.status, href: links ? RecordRoute.person(r.matterID, person: p.id).path : nil)
        }
        let all = r.lines
        let example = all.last?.seq ?? 1
        let entries = all.reduce(0) { $0 + $1.entries }
        var ledger = t("record_ledgerLine").replacingOccurrences(of: "{head}", with: String(r.headSeq))
            .replacingOccurrences(of: "{hash}", with: String(r.headHash.prefix(16))).replacingOccurrences(of: "{lines}", with: String(all.count))
            .replacingOccurrences(of: "{entries}", with: String(entries))
        ledger = ledger.replacingOccurrences(of: "{checkpoint}", with: r.checkpointSeq.map { t("record_ledgerCheckpoint").replacingOccurrences(of: "{seq}", with: String($0)) } ?? "")
        return RecordPage(
            isTable: r.person != nil,
            heading: r.person.map { $0.name + t("record_table_heading") } ?? t("record_matter_heading"),
            matter: r.matterTitle, unit: r.unitName, procedure: r.procedure, state: r.state,
            person: r.person.map(row), people: r.person == nil ? r.people.map(row) : [],
            sections: r.sections.map { Section(title: $0.title, lines: $0.lines.map(line)) },
            lines: all.count, entries: entries,
            printed: r.printed.text(in: lang),
            head: String(r.headSeq), headHash: String(r.headHash.prefix(16)), checkpoint: r.checkpointSeq.map(String.init), ledgerLine: ledger,
            confidentialOnScreen: screen && r.readsConfidential, registryWithheld: r.registryWithheld,
            verify: t("record_verify").replacingOccurrences(of: "{seq}", with: String(example)),
            back: links ? MatterRoute.show(r.matterID).path : nil, backLabel: links ? t("record_back") : nil,
            recordHref: links && r.person != nil ? RecordRoute.matter(r.matterID).path : nil,
            inspectionHref: links ? InspectionRoute.page(r.matterID).path : nil)
    }
}
