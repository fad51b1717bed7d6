/// What `pylon-kb mv` does, worked out before anything is touched: the files it moves and
/// every line it changes. `ContentMove.plan` makes it from the loaded folder and the files'
/// texts; `MoveExecutor` carries it out; `--dry-run` only prints it.
public struct MovePlan: Sendable, Equatable {
    /// One rename on disk. A folder is moved whole (one rename), so files pylon-kb does not
    /// read (hidden ones, drafts of images) go with it.
    public struct FileMove: Sendable, Equatable {
        public var from: String
        public var to: String
        public var isFolder: Bool
    }

    /// One changed place in a file: a link's destination or a front matter line.
    public struct Change: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case link
            case frontMatter
        }

        public var kind: Kind
        /// 1-based line in the file as it is before the move.
        public var line: Int
        /// The same line in the file after the move (front matter lines added above shift it).
        public var lineAfter: Int
        /// The destination (or the front matter line) before; empty for an added line.
        public var old: String
        /// After; empty for a removed line.
        public var new: String
    }

    /// One file whose text changes.
    public struct FileEdit: Sendable, Equatable {
        /// Where the file is before the move.
        public var path: String
        /// Where it is after (the same path when the file does not move).
        public var pathAfter: String
        /// The whole new text (LF line endings, as the loader reads files).
        public var text: String
        public var changes: [Change]

        public var rewrittenLinkCount: Int { changes.count { $0.kind == .link } }
    }

    /// An article whose slug changes, and the old slug added to its `previous_slugs`.
    public struct SlugRecord: Sendable, Equatable {
        /// The article's path after the move.
        public var path: String
        public var oldSlug: String
        public var newSlug: String
    }

    public var moves: [FileMove]
    public var edits: [FileEdit]
    public var slugRecords: [SlugRecord]
    /// Every content file that changes place, before → after (a folder's files one by one).
    public var movedFiles: [String: String]

    public var rewrittenLinkCount: Int { edits.reduce(0) { $0 + $1.rewrittenLinkCount } }
    /// Files in which at least one link changes.
    public var filesWithRewrittenLinks: Int { edits.count { $0.rewrittenLinkCount > 0 } }
}

/// Why a move is refused; nothing has been changed.
public struct MoveRefusal: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
