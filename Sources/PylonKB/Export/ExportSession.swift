import Foundation
import PylonAPI

/// `export`: reads a knowledge base (and, with `downloadImages`, its images) and writes it as a
/// content folder that publishes back unchanged. The library entry point the command calls, as
/// `PublishSession` is for plan and apply and `MigrationSession` for migrate.
public struct ExportSession: Sendable {
    public var writer: ExportWriter
    public var downloadImages: Bool

    public init(folder: URL, force: Bool = false, downloadImages: Bool = false) {
        writer = ExportWriter(folder: folder, force: force)
        self.downloadImages = downloadImages
    }

    /// What was read, ready to write.
    public struct Exported: Sendable {
        public var export: KnowledgeBaseExport
        /// One sentence per image that could not be downloaded (it keeps its URL).
        public var imageFailures: [String]

        /// The exporter's warnings, then the images'.
        public var warnings: [String] { export.report.warnings + imageFailures }
    }

    /// Refuses a folder that is not empty (unless `force`) or is not a folder; call it before
    /// reading anything, so a wrong `--out` costs no requests.
    public func checkFolder() throws {
        try writer.checkFolder()
    }

    /// Reads the knowledge base. `source` is what the exported pylon-kb.yml names;
    /// `localBaseURL` is where the local knowledge base runs now, when that is the source.
    public func read(
        client: PylonClient, knowledgeBaseID: String, source: ExportOptions.Source, author: String?,
        localBaseURL: URL? = nil
    ) async throws -> Exported {
        let base = try await client.knowledgeBase(id: knowledgeBaseID)
        let snapshot = try await SnapshotReader(client: client).read(
            knowledgeBaseID: knowledgeBaseID, languages: Set(base.supportedLanguages ?? []))
        var images: [String: Data]?
        var imageFailures: [String] = []
        if downloadImages {
            let downloaded = await ImageDownloader().download(
                KnowledgeBaseExporter.imageSources(in: snapshot),
                locate: Self.localAttachment(base: localBaseURL))
            images = downloaded.images
            imageFailures = downloaded.failures
        }
        let export = KnowledgeBaseExporter().export(
            snapshot, options: ExportOptions(source: source, author: author, images: images))
        return Exported(export: export, imageFailures: imageFailures)
    }

    public func write(_ exported: Exported) throws {
        try writer.write(exported.export)
    }

    /// The local knowledge base stores attachment URLs with the port it ran on when they were
    /// uploaded; fetch them from the port it runs on now.
    public static func localAttachment(base: URL?) -> @Sendable (URL) -> URL {
        guard let base else { return { $0 } }
        return { url in
            guard let host = url.host, ["127.0.0.1", "localhost", "::1"].contains(host),
                url.path.hasPrefix("/attachments/"),
                var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            else { return url }
            components.scheme = base.scheme
            components.host = base.host
            components.port = base.port
            return components.url ?? url
        }
    }
}
