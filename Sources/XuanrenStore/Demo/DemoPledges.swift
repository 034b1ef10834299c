import Foundation
import SelectionCore

/// A pledge campaign for the demo county (DIS-3): the county's change of leadership, open, with the default rules and
/// pledge text, and the first few cadres' paper pledges recorded by the clerk. Its rules show on the demo matters'
/// registration, voting and matter pages.
enum DemoPledges {
    static func seed(_ store: Store) async throws {
        guard let county = try await store.units().first(where: { $0.code == "county" })?.id else { return }
        let system = ActingUser.system("demo")
        let id = try await store.createPledgeCampaign(PledgeCampaignInput(unit: county, name: "青岚县2026年县乡领导班子换届", deadline: store.today.adding(days: 10)),
                                                      by: ActingUser.system("organizer"))
        try await store.openPledgeCampaign(id, by: ActingUser.system("organizer"))
        let eligible = try await store.pledgeCampaign(id, by: system).row.value.eligible
        for cadre in eligible.prefix(eligible.count / 3) {
            try await store.recordPledge(id, cadre: cadre, signed: store.today, by: ActingUser.system("clerk"))
        }
    }
}
