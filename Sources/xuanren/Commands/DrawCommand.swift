import ArgumentParser
import Foundation
import SelectionCore
import XuanrenStore

/// BAL-2: draw a representative panel by lot, reproducibly: the same list and seed give the same panel.
/// With `--panel POOL.json`: an interview panel (EXM-4) from a judge pool file (docs/formats/judge-pool.md), the
/// rules' quotas met first (`JudgeDraw` documents the algorithm); the same file and seed give the same panel.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw panel members by lot from a list (one name per line), or an interview panel from a judge pool. 随机抽取。",
        discussion: """
            Record the seed with the draw: `xuanren draw --seed S --count N FILE` gives the same panel again.
            `xuanren draw --panel POOL.json [--rules RULES.json] [--count N] --seed S` draws an interview panel \
            meeting the rules (docs/formats/judge-pool.md).
            """)

    @Argument(help: "A text file with one member per line, or - for standard input (not with --panel).") var file: String?
    @Option(help: "How many to draw. With --panel: the panel size (default: the pool file's size, else the rules' minimum).") var count: Int?
    @Option(help: "The seed (a number); default: a new random seed, printed with the draw.") var seed: UInt64?
    @Option(help: "A judge pool file (xuanren.judge-pool/1): draw an interview panel from it.") var panel: String?
    @Option(help: "With --panel: a rules file (the pool file's `rules` object) used instead of the pool's rules.") var rules: String?

    func validate() throws {
        if panel != nil {
            if file != nil { throw ValidationError("Give either FILE or --panel POOL.json, not both.") }
        } else {
            if file == nil { throw ValidationError("Missing expected argument '<file>'") }
            if count == nil { throw ValidationError("Missing expected argument '--count <count>'") }
            if rules != nil { throw ValidationError("--rules goes with --panel.") }
        }
    }

    func run() throws {
        if let panel { return drawPanel(pool: panel) }
        guard let file, let count else { return }  // validate() saw to both
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else { XuanrenCLI.fail("cannot read \(file)", code: 2) }
            text = String(decoding: data, as: UTF8.self)
        }
        let pool = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard count > 0 else { XuanrenCLI.fail("--count must be positive", code: 2) }
        guard Set(pool).count == pool.count else { XuanrenCLI.fail("the list names someone twice", code: 2) }
        let s = seed ?? SystemRandomSource().next()
        let zh = XuanrenCLI.language == .zhHans
        print(zh ? "抽取：从 \(pool.count) 人中抽取 \(min(count, pool.count)) 人，种子 \(s)" : "Draw: \(min(count, pool.count)) of \(pool.count), seed \(s)")
        for (i, name) in PanelDraw.draw(from: pool, count: count, seed: s).enumerated() { print("\(i + 1)\t\(name)") }
    }

    /// Reads the pool (and rules), draws, and prints each member with the quota they were drawn for, then the
    /// recusals for the file's candidates. Bad input: exit 2 naming the field; a drawn panel that still has a
    /// problem (too few judges left for a candidate after recusals): the problems on stderr, exit 3.
    func drawPanel(pool path: String) {
        let lang = XuanrenCLI.language
        let zh = lang == .zhHans
        func read(_ p: String) -> Data {
            guard let data = FileManager.default.contents(atPath: p) else { XuanrenCLI.fail("cannot read \(p)", code: 2) }
            return data
        }
        if let count, count <= 0 { XuanrenCLI.fail("--count must be positive", code: 2) }
        let s = seed ?? SystemRandomSource().next()
        let pool: JudgePoolFile, panelRules: InterviewPanelRules, drawn: JudgeRecusal.Draw
        do {
            pool = try JudgePoolFile.parse(read(path))
            panelRules = try rules.map { try JudgePoolFile.parseRules(read($0)) } ?? pool.rules
            drawn = try pool.draw(seed: s, rules: panelRules, size: count ?? pool.size)
        } catch {
            XuanrenCLI.fail(for: error)
        }
        let result = drawn.drawn
        // EXM-4: recusal before the draw (files with recuseBeforeDraw): who was kept out of the pool, and why
        for e in drawn.excluded {
            print(zh ? "抽签前回避\t\(e.judgeId)\t\(e.name)\t\(e.message(in: lang))" : "recused before the draw\t\(e.judgeId)\t\(e.name)\t\(e.message(in: lang))")
        }
        print(zh ? "抽取面试小组：职位 \(pool.positionId) \(pool.positionName)，评委库 \(result.poolSize) 人，抽取 \(result.size) 人，种子 \(s)"
                 : "Interview panel draw: position \(pool.positionId) \(pool.positionName), \(result.size) of \(result.poolSize), seed \(s)")
        for (i, m) in result.members.enumerated() {
            let meets = m.meets.map { $0.title(in: lang) }.joined(separator: zh ? "、" : ", ")
            print("\(i + 1)\t\(m.judge.id)\t\(m.judge.name)\t\(m.reason.message(in: lang))\t\(meets)")
        }
        for r in drawn.replacements {
            print(zh ? "申报回避后替换\t\(r.left) → \(r.judge.id)\t\(r.judge.name)\t种子 \(r.seed)，可替换 \(r.eligible) 人"
                     : "replaced after a declared conflict\t\(r.left) → \(r.judge.id)\t\(r.judge.name)\tseed \(r.seed), \(r.eligible) eligible")
        }
        if !drawn.replacements.isEmpty || drawn.short {
            print((zh ? "现面试小组：" : "Panel now: ") + drawn.judges.map(\.id).joined(separator: " "))
        }
        if drawn.short {
            XuanrenCLI.fail((zh ? "申报回避的考官无法替换：" : "a judge who declared a conflict cannot be replaced: ")
                            + (JudgeDraw.missing(drawn.judges, rules: panelRules, size: result.size, language: lang) ?? ""), code: 3)
        }
        let panel = InterviewPanel(positionId: pool.positionId, judges: drawn.judges, rules: panelRules)
        for c in pool.candidates {
            for r in panel.recusals(for: c) {
                let why = r.reasons.map { $0.message(in: lang) }.joined(separator: zh ? "；" : "; ")
                print(zh ? "回避\t\(r.judgeId)\t考生 \(c.id) \(c.name)\t\(why)" : "recuses\t\(r.judgeId)\tcandidate \(c.id) \(c.name)\t\(why)")
            }
        }
        let problems = panel.problems(candidates: pool.candidates)
        if !problems.isEmpty {
            XuanrenCLI.fail(problems.map { $0.message(in: lang) }.joined(separator: zh ? "；" : "; "), code: 3)
        }
    }
}
