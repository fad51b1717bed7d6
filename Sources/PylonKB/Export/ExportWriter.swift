import Foundation

/// Writes an export to a folder. An existing folder must be empty (so an export never mixes
/// with, or silently overwrites, someone's files) unless `force`, which writes over files with
/// the same names and leaves every other file alone.
public struct ExportWriter: Sendable {
    public enum Failure: Error, CustomStringConvertible, Sendable, Equatable {
        case notEmpty(String)
        case notAFolder(String)
        case write(String, String)

        public var description: String {
            switch self {
            case .notEmpty(let path):
                "\(path) is not empty. Export into a new or empty folder, or pass --force to write over files with the same names (other files are left as they are)."
            case .notAFolder(let path):
                "\(path) exists and is not a folder. Choose another --out."
            case .write(let path, let reason):
                "Could not write \(path): \(reason)"
            }
        }
    }

    public let folder: URL
    public let force: Bool

    public init(folder: URL, force: Bool = false) {
        self.folder = folder.standardizedFileURL
        self.force = force
    }

    /// Refuses a folder it must not write to; call before the (slow) reading and downloading.
    public func checkFolder() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Failure.notAFolder(folder.path) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if !entries.isEmpty && !force { throw Failure.notEmpty(folder.path) }
    }

    public func write(_ export: KnowledgeBaseExport) throws {
        try checkFolder()
        for file in export.files {
            // Paths come from ExportNaming; one that could leave the folder is a bug.
            guard ContentPath.resolve(file.path, fromFile: "") == file.path, !file.path.hasPrefix("/") else {
                preconditionFailure("export path \(file.path) is not a plain relative path")
            }
            let url = folder.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url, options: .atomic)
            } catch {
                throw Failure.write(url.path, error.localizedDescription)
            }
        }
        if let state = export.state {
            let store = StateStore(contentRoot: folder)
            do {
                try store.save(state)
            } catch {
                throw Failure.write(store.url.path, error.localizedDescription)
            }
        }
    }
}
