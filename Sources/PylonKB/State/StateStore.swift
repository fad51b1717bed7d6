import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads and writes the state file. Writes are atomic (a temporary file in the same folder,
/// flushed, then renamed over the old one), so a process killed at any moment leaves either
/// the old or the new file, never a torn one. Apply writes after every successful remote
/// write, which is what lets an interrupted run resume without duplicates.
public struct StateStore: Sendable {
    public let url: URL

    public init(contentRoot: URL) {
        url = contentRoot.appendingPathComponent(".pylon-kb/state.json")
    }

    public init(url: URL) {
        self.url = url
    }

    /// The outcome of reading the state file.
    public enum LoadResult: Sendable {
        /// No state file yet: a first run, or a team that does not commit it.
        case missing
        case loaded(DeploymentState)
        /// The file exists but cannot be used; the run rebuilds what it needs from the
        /// knowledge base and says so.
        case unusable(reason: String)
    }

    /// Changes recorded since the file was last written whole (see `StateJournal`); it exists
    /// only while an apply runs, or after one was killed.
    public var journalURL: URL { url.appendingPathExtension("journal") }

    public func load() -> LoadResult {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .missing }
        do {
            var state = try JSONDecoder().decode(DeploymentState.self, from: data)
            if let journal = FileManager.default.contents(atPath: journalURL.path) {
                StateJournal.replay(journal, onto: &state)
            }
            guard state.version <= DeploymentState.currentVersion else {
                return .unusable(
                    reason:
                        "it was written by a newer pylon-kb (state version \(state.version)); upgrade pylon-kb"
                )
            }
            return .loaded(state)
        } catch {
            return .unusable(reason: "it is not valid state JSON (\(Self.describe(error)))")
        }
    }

    /// The state for `knowledgeBaseID`: nil, with `ignored` told why, when there is none, it
    /// cannot be read, or it belongs to another knowledge base (each caller words the notice,
    /// since a publish and a migration do different things next).
    func load(
        for knowledgeBaseID: String, ignored: (_ reason: IgnoredState) -> Void
    ) -> DeploymentState? {
        switch load() {
        case .missing:
            return nil
        case .unusable(let reason):
            ignored(.unusable(reason: reason))
            return nil
        case .loaded(let state):
            guard state.knowledgeBaseID == knowledgeBaseID else {
                ignored(.otherKnowledgeBase(state.knowledgeBaseID))
                return nil
            }
            return state
        }
    }

    /// Why a state file that exists was not used.
    enum IgnoredState {
        case unusable(reason: String)
        case otherKnowledgeBase(String)
    }

    /// Writes the whole state atomically, then removes the journal it now includes.
    @discardableResult
    public func save(_ state: DeploymentState) throws -> Int {
        let encoder = JSONEncoder()
        // Sorted keys and pretty printing keep the committed file's diffs small and readable.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(state)
        data.append(0x0A)
        try AtomicFile.write(data, to: url)
        // After the rename: a crash before this unlink replays entries the file already holds,
        // which changes nothing.
        if unlink(journalURL.path) != 0 && errno != ENOENT {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: journalURL.path])
        }
        return data.count
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        case DecodingError.keyNotFound(let key, _):
            return "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "unexpected value at '\(path)'"
        default:
            return "\(error)"
        }
    }
}
