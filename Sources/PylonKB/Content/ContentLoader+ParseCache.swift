import Foundation
import Synchronization

extension ContentLoader {
    /// Parsed pages kept between loads of the same folder (`pylon-kb preview`), by the text
    /// they were parsed from: a page whose text is unchanged is not split, its front matter not
    /// read and its dialect not translated again. Only valid while the folder's other files are
    /// unchanged, so the preview empties it whenever anything but a page's text changed; a page
    /// that reads an include is never kept (the included file may be what changed).
    typealias ParseCache = PageCache<String, ParsedFile>

    /// Whether a parse read an included file (then its result depends on more than its text).
    final class IncludeFlag: Sendable {
        private let read = Mutex(false)
        var wasRead: Bool { read.withLock { $0 } }
        func set() { read.withLock { $0 = true } }
    }
}
