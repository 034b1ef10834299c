import Foundation
import SelectionCore

/// The demo county's supervision check (CHK-1, CHK-2): the county's organization department checks 教育局's selection
/// work of the current year, planned and not yet drawn — once the demo's 教育局办公室主任 is appointed (DEC, PUB), its
/// draw lists him with his mandatory reasons.
enum DemoCheck {
    static func seed(_ store: Store) async throws {
        let tree = try await store.unitTree()
        guard let edu = tree.units.first(where: { $0.code == "edu" }), let year = CheckPeriod.year(store.today.year) else { return }
        _ = try await store.createCheck(kind: .fromAbove, unit: edu.id, period: year, title: "\(store.today.year)年度青岚县教育局选人用人工作检查", by: .system("demo"))
    }
}
