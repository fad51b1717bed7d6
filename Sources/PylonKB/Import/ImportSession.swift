import Foundation
import PylonAPI

/// `pylon-kb import`: reads a vendor help center through its API, converts it, downloads its
/// images and writes a content folder with `_import-report.md` (see docs/import.md). Nothing is
/// written until everything was read, so a failure halfway leaves the folder as it was and a
/// rerun starts over; a rerun that finds nothing new changes no file.
public struct ImportSession: Sendable {
    public struct Options: Sendable {
        public var vendor: ImportVendor
        /// The API's address (`https://acme.zendesk.com`).
        public var baseURL: URL
        /// The `Authorization` header value; never printed or stored.
        public var authorization: String?
        /// The environment variables that hold the credentials, for messages.
        public var credentialHint: String
        public var folder: URL
        public var force: Bool
        public var maxAttempts: Int
        /// Intercom: the help center to import when the workspace has several.
        public var helpCenter: String?

        public init(
            vendor: ImportVendor, baseURL: URL, authorization: String?, credentialHint: String, folder: URL,
            force: Bool = false, maxAttempts: Int = 5, helpCenter: String? = nil
        ) {
            self.helpCenter = helpCenter
            self.vendor = vendor
            self.baseURL = baseURL
            self.authorization = authorization
            self.credentialHint = credentialHint
            self.folder = folder.standardizedFileURL
            self.force = force
            self.maxAttempts = maxAttempts
        }
    }

    public struct Outcome: Sendable {
        public var report: ImportReport
        /// Content paths written this run (empty when nothing changed).
        public var written: [String]
        public var unchanged: Int
        public var removed: [String]
        public var keptEdited: [String]
    }

    let options: Options
    let client: VendorClient
    /// Images follow redirects to any host (attachments move to CDNs), one hop at a time, so
    /// this transport follows none itself.
    let imageClient: VendorClient

    public init<C: Clock>(
        options: Options, transport: any HTTPTransport = AsyncHTTPClientTransport(),
        clock: C = ContinuousClock()
    ) where C.Duration == Duration {
        self.options = options
        client = VendorClient(
            vendor: options.vendor, baseURL: options.baseURL, authorization: options.authorization,
            extraHeaders: options.vendor == .intercom ? ["Intercom-Version": IntercomSource.version] : [:],
            credentialHint: options.credentialHint, transport: transport, maxAttempts: options.maxAttempts,
            clock: clock)
        imageClient = client.with(
            transport: transport is AsyncHTTPClientTransport
                ? AsyncHTTPClientTransport(followingRedirects: false) : transport)
    }

    /// Refuses a folder it cannot write to before the (slow) reading starts.
    public func checkFolder() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: options.folder.path, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            throw ImportFailure.write(
                options.folder.path, "it exists and is not a folder; choose another --out")
        }
    }

    public func run() async throws -> Outcome {
        try checkFolder()
        let center: ImportedHelpCenter
        switch options.vendor {
        case .zendesk: center = try await ZendeskSource(client: client).read()
        case .intercom:
            center = try await IntercomSource(client: client, helpCenterID: options.helpCenter).read()
        case .helpscout: center = try await HelpScoutSource(client: client, siteID: options.helpCenter).read()
        }
        let images = await ImportImages(client: imageClient).download(ImportImages.addresses(in: center))
        var run = ImportRun(center: center)
        run.imagePaths = images.paths
        run.imageFailures = images.failures
        run.build()
        var files: [String: Data] = images.files
        for (path, text) in run.files { files[path] = Data(text.utf8) }
        files["pylon-kb.yml"] = Data(configurationText(center).utf8)
        files[ImportWriter.report] = Data(run.report.markdown.utf8)
        let written = try ImportWriter(folder: options.folder, force: options.force).write(
            files: files, vendor: options.vendor)
        return Outcome(
            report: run.report, written: written.written, unchanged: written.unchanged,
            removed: written.removed,
            keptEdited: written.keptEdited)
    }

    func configurationText(_ center: ImportedHelpCenter) -> String {
        [
            "# pylon-kb settings, written by `pylon-kb import \(center.vendor.rawValue)` (docs/import.md).",
            "# Imported from \(center.source). Replace `target: local` with `knowledge_base: <id>`",
            "# (`pylon-kb knowledge-bases` lists them) to publish to Pylon.",
            "target: local",
            "# author: docs@example.com   # a Pylon user's email or id; new articles need one",
        ].joined(separator: "\n") + "\n"
    }

    /// `Basic base64(email/token:token)` for an API token, `Bearer token` for OAuth.
    public static func zendeskAuthorization(email: String?, apiToken: String?, oauthToken: String?) -> String?
    {
        if let oauthToken { return "Bearer \(oauthToken)" }
        guard let email, let apiToken else { return nil }
        return "Basic " + Data("\(email)/token:\(apiToken)".utf8).base64EncodedString()
    }
}
