import Foundation
import SelectionCore
import Vapor
import XuanrenStore

/// The cadre registry: files, export, imports, who qualifies, the reserve pool, alerts and settings.
enum RegistryRoute: SiteRoute {
    /// Who reads the registry (of the units their grants cover) and who edits files.
    static let readers: Access = .roles([.admin, .organizer, .supervisor, .clerk])
    static let editors: Access = .roles([.organizer, .clerk])

    // files
    case cadres, exportCSV, newCadre, createCadre
    case cadre(UUID), edit(UUID), update(UUID), lrmx(UUID), print(UUID), resolve(UUID)
    // imports: upload, then a preview of the staged batch, then confirmation
    case importForm, upload
    case batch(UUID), confirmBatch(UUID)
    // who qualifies, saved positions
    case qualify, savePosition
    // the reserve pool and the alerts
    case reserve, addReserve, review(UUID), exitReserve(UUID)
    case alerts
    // settings
    case settings, saveSettings

    static let all: [RegistryRoute] = {
        let p = UUID.parameter
        return [.cadres, .exportCSV, .newCadre, .createCadre, .cadre(p), .edit(p), .update(p), .lrmx(p), .print(p), .resolve(p),
                .importForm, .upload, .batch(p), .confirmBatch(p), .qualify, .savePosition,
                .reserve, .addReserve, .review(p), .exitReserve(p), .alerts, .settings, .saveSettings]
    }()

    var method: HTTPMethod {
        switch self {
        case .cadres, .exportCSV, .newCadre, .cadre, .edit, .lrmx, .print, .importForm, .batch, .qualify, .reserve, .alerts, .settings: .GET
        case .createCadre, .update, .resolve, .upload, .confirmBatch, .savePosition, .addReserve, .review, .exitReserve, .saveSettings: .POST
        }
    }

    var parts: [PathPart] {
        switch self {
        case .cadres, .createCadre: ["registry", "cadres"]
        case .exportCSV: ["registry", "cadres", "export.csv"]
        case .newCadre: ["registry", "cadres", "new"]
        case .cadre(let id), .update(let id): ["registry", "cadres", .id(id)]
        case .edit(let id): ["registry", "cadres", .id(id), "edit"]
        case .lrmx(let id): ["registry", "cadres", .id(id), "lrmx"]
        case .print(let id): ["registry", "cadres", .id(id), "print"]
        case .resolve(let id): ["registry", "cadres", .id(id), "findings"]
        case .importForm, .upload: ["registry", "import"]
        case .batch(let id), .confirmBatch(let id): ["registry", "import", .id(id, "batch")]
        case .qualify: ["registry", "qualify"]
        case .savePosition: ["registry", "positions"]
        case .reserve, .addReserve: ["registry", "reserve"]
        case .review(let id): ["registry", "reserve", .id(id, "entry"), "review"]
        case .exitReserve(let id): ["registry", "reserve", .id(id, "entry"), "exit"]
        case .alerts: ["registry", "alerts"]
        case .settings, .saveSettings: ["registry", "settings"]
        }
    }

    var access: Access {
        switch self {
        case .cadres, .exportCSV, .cadre, .print: Self.readers
        case .newCadre, .createCadre, .edit, .update, .importForm, .upload, .batch, .confirmBatch: Self.editors
        case .lrmx: .roles([.organizer, .supervisor])
        case .resolve: .roles([.organizer])
        case .qualify, .reserve, .alerts: .roles([.organizer, .supervisor])
        case .savePosition, .addReserve, .review, .exitReserve: .roles([.organizer])
        case .settings, .saveSettings: .roles([.admin])
        }
    }

    /// Uploads are collected up to the import limit (and read on a thread of their own), not the app's default.
    var maxBody: ByteCount? { self == .upload ? ByteCount(value: RegistryImport.maxUpload) : nil }
}

/// The registry's links that name no file, for the templates (which links a page shows is the page's choice).
struct RegistryLinks: Encodable {
    var cadres = RegistryRoute.cadres.path
    var newCadre = RegistryRoute.newCadre.path
    var importForm = RegistryRoute.importForm.path
    var upload = RegistryRoute.upload.path
    var qualify = RegistryRoute.qualify.path
    var savePosition = RegistryRoute.savePosition.path
    var reserve = RegistryRoute.reserve.path
    var addReserve = RegistryRoute.addReserve.path
}
