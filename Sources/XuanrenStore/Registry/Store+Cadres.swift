import FluentKit
import Foundation

public struct CadreSummary: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var sex: String
    public var birthMonth: String
    public var ethnicity: String
    public var unitName: String
    public var post: String
    public var rank: String
    public var education: String
}

extension Store {
    public func cadreCount() async throws -> Int { try await CadreRecord.query(on: db).count() }

    public func cadres(offset: Int = 0, limit: Int = 50, unitID: UUID? = nil) async throws -> [CadreSummary] {
        var q = CadreRecord.query(on: db)
        if let unitID { q = q.filter(\.$unitID == unitID) }
        let recs = try await q.sort(\.$name).range(offset ..< offset + limit).all()
        let units = try await unitIndex()
        return recs.map {
            CadreSummary(id: $0.id!, name: $0.name, sex: $0.sex, birthMonth: $0.birthMonth, ethnicity: $0.ethnicity,
                         unitName: units[$0.unitID]?.name ?? "", post: $0.post, rank: $0.rank, education: $0.education)
        }
    }
}
