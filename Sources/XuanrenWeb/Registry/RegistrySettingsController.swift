import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The registry settings (administrators): the rank ladder, audit and alert figures.
struct RegistrySettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RegistryRoute.settings, use: settings)
        routes.on(RegistryRoute.saveSettings, use: saveSettings)
    }


    struct SettingsModel: Encodable {
        var ladder: String; var gap: Int; var overlap: Int; var workAge: Int; var partyAge: Int; var years: Int
        var rotate: Int; var rotateYoung: Int; var young: Int; var must: Int; var term: Int; var terms: Int; var ageLimit: Int; var ageLimitWomen: Int; var warn: Int
        var action = RegistryRoute.saveSettings.path
    }

    func settingsModel(_ s: RegistrySettings) -> SettingsModel {
        SettingsModel(ladder: s.ladder.text, gap: s.audit.maxGapMonths, overlap: s.audit.toleratedOverlapMonths, workAge: s.audit.minWorkAge, partyAge: s.audit.minPartyAge,
                      years: s.audit.assessmentYears, rotate: s.alerts.rotateYears, rotateYoung: s.alerts.rotateYearsUnder35, young: s.alerts.youngAge,
                      must: s.alerts.mustRotateYears, term: s.alerts.termYears, terms: s.alerts.maxTerms, ageLimit: s.alerts.ageLimit, ageLimitWomen: s.alerts.ageLimitWomen,
                      warn: s.alerts.ageWarningMonths)
    }

    func settings(req: Request) async throws -> Response {
        try await req.page("registry-settings", titleKey: "rsettings_title", settingsModel(try await req.store.registrySettings()))
    }

    func saveSettings(req: Request) async throws -> Response {
        struct Form: Content {
            var ladder: String; var gap: Int; var overlap: Int; var workAge: Int; var partyAge: Int; var years: Int
            var rotate: Int; var rotateYoung: Int; var young: Int; var must: Int; var term: Int; var terms: Int; var ageLimit: Int; var ageLimitWomen: Int; var warn: Int
        }
        var s = try await req.store.registrySettings()
        do {
            guard let f = try? req.content.decode(Form.self) else { throw InvalidInput(field: "form", .required) }
            s.ladder = try RankLadder(text: f.ladder)
            for (v, name) in [(f.gap, "maxGapMonths"), (f.overlap, "overlap"), (f.workAge, "workAge"), (f.partyAge, "partyAge"), (f.years, "years"), (f.rotate, "rotate"),
                              (f.rotateYoung, "rotateYoung"), (f.young, "young"), (f.must, "must"), (f.term, "term"), (f.terms, "terms"), (f.ageLimit, "ageLimit"),
                              (f.ageLimitWomen, "ageLimit"), (f.warn, "warn")] where !(0 ... 120).contains(v) {
                throw InvalidInput(field: name, .notAllowed("0–120"))
            }
            s.audit.maxGapMonths = f.gap; s.audit.toleratedOverlapMonths = f.overlap; s.audit.minWorkAge = f.workAge; s.audit.minPartyAge = f.partyAge; s.audit.assessmentYears = f.years
            s.alerts.rotateYears = f.rotate; s.alerts.rotateYearsUnder35 = f.rotateYoung; s.alerts.youngAge = f.young; s.alerts.mustRotateYears = f.must
            s.alerts.termYears = f.term; s.alerts.maxTerms = f.terms; s.alerts.ageLimit = f.ageLimit; s.alerts.ageLimitWomen = f.ageLimitWomen; s.alerts.ageWarningMonths = f.warn
            try await req.store.saveRegistrySettings(s, actor: req.user!.username)
            req.flash("rsettings_saved")
            return req.redirect(to: RegistryRoute.settings)
        } catch let e as InvalidInput {
            var m = settingsModel(s)
            m.ladder = (try? req.content.get(String.self, at: "ladder")) ?? m.ladder
            return try await req.page("registry-settings", titleKey: "rsettings_title", m, error: e.message(in: req.language), status: .badRequest)
        }
    }
}
