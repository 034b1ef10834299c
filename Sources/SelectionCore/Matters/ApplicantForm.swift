import Foundation

/// The registration form of an applicant from outside the registry (公开选拔, SEL-1): the facts of the 任免审批表
/// the qualification review needs (ELG-2), checked field by field. An applicant from the registry (竞争上岗) has
/// no form: their facts come from their file.
public struct ApplicantForm: Sendable, Equatable, Codable {
    public var name: String
    public var gender: String = ""
    public var phone: String = ""
    public var partyMember = false
    public var workStart: YearMonth
    public var fullTimeEducation: EducationLevel?
    public var inServiceEducation: EducationLevel?
    /// Rank on the registry's ladder (grade number) and since when.
    public var grade: Int
    public var gradeSince: YearMonth
    /// Current unit and post, as written.
    public var unit: String = ""
    public var post: String = ""
    /// The last three years' annual assessments, by year.
    public var assessments: [Int: AssessmentGrade] = [:]
    public var title: String = ""
    public var studies: String = ""
    public var establishment: String = ""
    /// 简历, one line per period as in the registry ("2008.07--2012.06 某县某局科员").
    public var resume: String = ""

    public init(name: String, workStart: YearMonth, grade: Int, gradeSince: YearMonth) {
        self.name = name; self.workStart = workStart; self.grade = grade; self.gradeSince = gradeSince
    }

    /// The form's own checks (everything the review needs is present and sensible), every field at once.
    public func check(birth: YearMonth, today: YearMonth) throws(InvalidInput) {
        var issues: [InvalidInput.Issue] = []
        func add(_ f: String, _ p: InvalidInput.Problem) { issues.append(.init(field: f, problem: p)) }
        let n = name.trimmingCharacters(in: .whitespaces)
        if n.isEmpty { add("name", .required) } else if n.count > 40 { add("name", .tooLong(max: 40)) }
        if !phone.isEmpty, phone.count > 20 || !phone.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " }) {
            add("phone", .invalidCharacters(allowed: "0-9 -"))
        }
        if workStart < birth || today < workStart { add("workStart", .described(zh: "参加工作时间应在出生之后、今天之前", en: "must be after birth and not in the future")) }
        if gradeSince < workStart || today < gradeSince { add("gradeSince", .described(zh: "任现职级时间应在参加工作之后、今天之前", en: "must be after the work start and not in the future")) }
        if fullTimeEducation == nil && inServiceEducation == nil { add("fullTimeEducation", .required) }
        for (f, v, m) in [("unit", unit, 60), ("post", post, 60), ("title", title, 60), ("studies", studies, 200), ("establishment", establishment, 40), ("resume", resume, 4000)] where v.count > m {
            add(f, .tooLong(max: m))
        }
        if !issues.isEmpty { throw InvalidInput(issues) }
    }

    /// The facts the eligibility engine reads (ELG-2…5), with the birth month from the identity number.
    public func facts(birth: YearMonth) -> CadreFacts {
        CadreFacts(birth: birth, partyMember: partyMember, workStart: workStart, fullTimeEducation: fullTimeEducation,
                   inServiceEducation: inServiceEducation, grade: grade, gradeSince: gradeSince, assessments: assessments,
                   title: title, studies: studies, establishment: establishment)
    }
}

/// One condition of the review with its outcome, in words (ELG-6), or a reviewer's override with its reason.
public struct ReviewOverride: Sendable, Equatable, Codable {
    public var qualified: Bool
    public var reason: String
    public var by: String
    public var at: Int64
    public init(qualified: Bool, reason: String, by: String, at: Int64) throws(InvalidInput) {
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if r.isEmpty { throw InvalidInput(field: "reason", .required) }
        if r.count > 2000 { throw InvalidInput(field: "reason", .tooLong(max: 2000)) }
        self.qualified = qualified; self.reason = r; self.by = by; self.at = at
    }
}
