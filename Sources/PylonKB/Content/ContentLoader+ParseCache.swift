import Foundation
import Synchronization

extension ContentLoader {
    /// Parsed pages kept between loads of the same folder (`pylon-kb preview`): a page whose
    /// text is unchanged is not split, its front matter not read and its dialect not
    /// translated again. Only valid while the folder's other files are unchanged, so the
    /// preview empties it whenever anything but a page's text changed; a page that reads an
    /// include is never kept (the included file may be what changed).
    final class ParseCache: Sendable {
        /// By page path: the text it was parsed from, and the result. Compared, not hashed
        /// (see `RenderCache`).
        private let state = Mutex<(parsed: [String: (text: String, file: ParsedFile)], used: Set<String>)>(
            ([:], []))

        func parsed(_ path: String, text: String, make: () -> (file: ParsedFile, cacheable: Bool))
            -> ParsedFile
        {
            if let known = state.withLock({ state -> ParsedFile? in
                state.used.insert(path)
                guard let stored = state.parsed[path], stored.text == text else { return nil }
                return stored.file
            }) {
                return known
            }
            let made = make()
            if made.cacheable {
                state.withLock { $0.parsed[path] = (text, made.file) }
            } else {
                state.withLock { $0.parsed[path] = nil }
            }
            return made.file
        }

        /// After a load: only what it used is kept, so edits do not pile up old versions.
        func keepOnlyUsed() {
            state.withLock { state in
                state.parsed = state.parsed.filter { state.used.contains($0.key) }
                state.used = []
            }
        }

        func removeAll() {
            state.withLock { $0 = ([:], []) }
        }
    }

    /// Whether a parse read an included file (then its result depends on more than its text).
    final class IncludeFlag: Sendable {
        private let read = Mutex(false)
        var wasRead: Bool { read.withLock { $0 } }
        func set() { read.withLock { $0 = true } }
    }
}
