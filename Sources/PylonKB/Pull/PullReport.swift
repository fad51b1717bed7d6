/// What `pylon-kb pull` brought back from Pylon, and what it left for a person to decide.
public struct PullReport: Sendable, Equatable {
    /// A file rewritten with an edit made in Pylon.
    public struct Pulled: Sendable, Equatable {
        /// The content file (`guides/install.md`, or a translation `guides/install.fr.md`).
        public var path: String
        public var title: String
        /// What changed in Pylon: `body`, `title`, `tags`.
        public var changes: [String]
        /// The body could not be patched where the edit was (the file spells it differently
        /// from what Pylon holds, or the edit sits in an include): it was rewritten whole.
        public var rewrittenWhole: Bool
        /// The file's text before and after, for `--dry-run` and the summary.
        public var diff: TextDiff
    }

    /// An article changed both in git (since the last apply) and in Pylon: nothing is written
    /// for it unless conflict markers were asked for.
    public struct Conflict: Sendable, Equatable {
        public var path: String
        public var title: String
        /// Your file against Pylon, as Markdown: `-` is yours, `+` is Pylon's.
        public var pylonDiff: TextDiff
        /// What changed in git since the last apply (`git diff` against the commit that last
        /// wrote the state file), when git can tell.
        public var gitDiff: String?
        /// `--conflict-markers`: the file now holds both versions between markers.
        public var markersWritten: Bool
    }

    public var pulled: [Pulled] = []
    public var conflicts: [Conflict] = []
    /// New files for articles created in Pylon inside a collection the content owns (`--new`).
    public var created: [String] = []
    /// Articles created in Pylon that were not written (no `--new`), as `title (slug)`.
    public var notCreated: [String] = []
    /// Content files whose article was deleted in Pylon.
    public var deletedInPylon: [String] = []
    /// Whether those files were removed (`--delete`).
    public var removedLocally = false
    /// Sentences worth reading: pending drafts left in Pylon, images that could not be
    /// fetched, HTML kept raw.
    public var notes: [String] = []

    public init() {}

    public var isEmpty: Bool {
        pulled.isEmpty && conflicts.isEmpty && created.isEmpty && deletedInPylon.isEmpty && notCreated.isEmpty
    }
}
