import FluentKit

/// All migrations, in order: one file per migration in this folder, numbered like its name. The same list runs on
/// SQLite and PostgreSQL. A migration's `name` is what Fluent stores in `_fluent_migrations`: existing databases
/// depend on it, so a name never changes (012 and 014 keep the type names they first ran under). A change to the
/// schema is a new file with the next number, added at the end of this list.
public enum XuanrenMigrations {
    public static var all: [any Migration] {
        [
            M001CreateUnits(),
            M002CreateAccounts(),
            M003CreateSessions(),
            M004CreateLedger(),
            M005CreateCadres(),
            M006CreateBallots(),
            M007AddCodeWeight(),
            M008CreatePaperEntries(),
            M009DropCodeSessionIndex(),
            M010AddPreviousRound(),
            M011CreatePanels(),
            M012CadreFiles(),
            M013AddPairedSession(),
            M014SessionAccounts(),
            M015SealedBallots(),
            M016WriteInsConfirmed(),
            M017Matters(),
            M018Decisions(),
            M019Competition(),
            M020ReportCases(),
            M021Checks(),
            M022SurveyRounds(),
            M023Pledges(),
            M024ConsequenceProposals(),
            M025ApplicantAccounts(),
            M026InterviewForms(),
            M027CompositeStages(),
        ]
    }
}
