import Foundation
import Synchronization

extension ContentLoader {
    /// Parsed pages kept between loads of the same folder (`pylon-kb preview`): a page whose
    /// text is unchanged is not split, its front matter not read and its dialect not
    /// translated again. Only valid while the folder's other files are unchanged, so the
    /// preview empties it whenever anything but a page's text changed; a page that reads an
    /// include is never kept (the included file may be what changed).
    final class ParseCache: Sendable {
        private struct Key: Hashable {
            var path: String
            var text: String
        }

        private let state = Mutex<(parsed: [Key: ParsedFile], used: Set<Key>)>(([:], []))

        func parsed(_ path: String, text: String, make: () -> (file: ParsedFile, cacheable: Bool))
            -> ParsedFile
        {
            let key = Key(path: path, text: text)
            if let known = state.withLock({ state -> ParsedFile? in
                state.used.insert(key)
                return state.parsed[key]
            }) {
                return known
            }
            let made = make()
            if made.cacheable { state.withLock { $0.parsed[key] = made.file } }
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
