// MARK: - Merging an imported file into a registered one

extension CadreFile {
    /// The registered file after an import of `incoming` is merged into it (REG-1): every part the import
    /// carries replaces the registered part, and every part it leaves empty keeps what was registered — a
    /// sheet with a few columns changes those columns and never empties the résumé, the family or the grades.
    /// The two educations merge field by field; the grades replace the registered ones (with their text) when
    /// the import carries any.
    public func merged(with incoming: CadreFile) -> CadreFile {
        var f = self
        for part in Self.textParts where !incoming[keyPath: part].isEmpty { f[keyPath: part] = incoming[keyPath: part] }
        f.fullTime = fullTime.merged(with: incoming.fullTime)
        f.inService = inService.merged(with: incoming.inService)
        if !incoming.family.isEmpty { f.family = incoming.family }
        if !incoming.training.isEmpty { f.training = incoming.training }
        if !incoming.personalReports.isEmpty { f.personalReports = incoming.personalReports }
        if !incoming.assessments.isEmpty {
            f.assessments = incoming.assessments
            f.assessmentText = incoming.assessmentText.isEmpty ? CadreFile.assessmentText(incoming.assessments) : incoming.assessmentText
        }
        if !incoming.extras.isEmpty {
            // unknown LRMX elements: the incoming ones win by name, the others stay
            let names = Set(incoming.extras.map(\.name))
            f.extras = extras.filter { !names.contains($0.name) } + incoming.extras
        }
        return f
    }

    /// The parts that are one text each (the grades' text goes with the grades).
    static var textParts: [WritableKeyPath<CadreFile, String>] { [
        \.name, \.sex, \.birth, \.ethnicity, \.nativePlace, \.birthplace, \.residentID, \.photo, \.party, \.workStart,
        \.health, \.title, \.expertise, \.currentPost, \.proposedPost, \.proposedRemoval, \.resume, \.rewards,
        \.reason, \.reportingUnit, \.ageDate, \.fillDate, \.filledBy, \.version, \.rank, \.rankSince,
        \.postSince, \.establishment, \.notes,
    ] }
}

extension CadreFile.Education {
    func merged(with incoming: Self) -> Self {
        var e = self
        for part in [\Self.level, \.degree, \.levelSchool, \.degreeSchool] where !incoming[keyPath: part].isEmpty {
            e[keyPath: part] = incoming[keyPath: part]
        }
        return e
    }
}
