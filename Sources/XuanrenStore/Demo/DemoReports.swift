import Foundation
import SelectionCore

/// Three report cases for the demo county (CAS-1…6): a web report waiting to be assigned, a letter under
/// investigation, and a concluded case published as a typical case. None is linked to a matter, so the demo's
/// selections are not halted.
enum DemoReports {
    static func seed(_ store: Store) async throws {
        let units = try await store.units()
        guard let fin = units.first(where: { $0.code == "fin" })?.id, let edu = units.first(where: { $0.code == "edu" })?.id else { return }
        let system = ActingUser.system("demo")
        _ = try await store.fileReport(ReportSubmission(unit: fin, kind: .procedure, text: "财政局近期调整股室负责人，听说没有经过民主推荐，直接由局长提名，请组织核实。"),
                                       client: "demo", dailyLimit: 0)
        let letter = try await store.enterReport(ReportSubmission(unit: edu, kind: .voteBuying, channel: .letter,
                                                                  text: "来信反映：教育局某副科级干部在民主推荐前请同事吃饭，要求投票支持。",
                                                                  reporter: ReporterIdentity(name: "林晓东", phone: "13905910001"), received: store.today.adding(days: -3)), by: system)
        let old = try await store.enterReport(ReportSubmission(unit: edu, kind: .qualification, channel: .phone,
                                                               text: "来电反映教育局拟提拔人选任职年限不够。", received: store.today.adding(days: -40)), by: system)
        let cases = try await store.cases(by: system)
        if let id = cases.first(where: { $0.value.number == letter.number })?.id {
            try await store.stepCase(id, .assign(["supervisor"]), by: system)
            try await store.stepCase(id, .investigate, by: system)
        }
        if let id = cases.first(where: { $0.value.number == old.number })?.id {
            try await store.stepCase(id, .assign(["supervisor"]), by: system)
            try await store.stepCase(id, .investigate, by: system)
            try await store.stepCase(id, .conclude(.partly, conclusion: "经查，拟提拔人选任职年限计算有误，已取消其人选资格，并对经办人员批评教育。",
                                                  feedback: "经调查核实，反映问题部分属实，已责令整改。感谢您的监督。"), by: system)
            try await store.publishTypicalCase(id, title: "某局拟提拔人选任职年限把关不严问题",
                                               text: "某局在干部选拔中对拟提拔人选任职年限审核不严，经举报查实后取消该人选资格，对经办人员批评教育。", by: system)
        }
    }
}
