import Foundation

/// One thing to place in a content folder for a bad-input case: text, raw bytes, a symbolic
/// link, or text generated at test time (huge files are never committed).
enum BadInputEntry: Sendable {
    case text(String)
    case bytes([UInt8])
    case symlink(to: String)
    /// `line` repeated until the file holds at least `bytes` bytes, after `header`.
    case generated(header: String, line: String, bytes: Int)
}

extension EndToEndHarness {
    /// Writes `entries` (paths relative to the content root) with FileManager, so links and
    /// invalid UTF-8 reach the disk exactly as given. Paths are percent-decoded first: Swift
    /// compares strings by canonical equivalence, so two names differing only in Unicode
    /// normalisation cannot both be dictionary keys unless they are written escaped.
    func place(_ entries: [String: BadInputEntry]) throws {
        let manager = FileManager.default
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            let url = root.appendingPathComponent(path.removingPercentEncoding ?? path)
            try manager.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            switch entry {
            case .text(let text):
                try Data(text.utf8).write(to: url)
            case .bytes(let bytes):
                try Data(bytes).write(to: url)
            case .symlink(let target):
                try manager.createSymbolicLink(atPath: url.path, withDestinationPath: target)
            case .generated(let header, let line, let bytes):
                var data = Data(header.utf8)
                let chunk = Data(line.utf8)
                data.reserveCapacity(bytes + chunk.count)
                while data.count < bytes { data.append(chunk) }
                try data.write(to: url)
            }
        }
    }
}
