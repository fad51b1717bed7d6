import ArgumentParser
import Foundation
import PylonKB

public struct ImportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a help center from Zendesk Guide into a Markdown content folder.",
        discussion: """
            Examples:
              export ZENDESK_EMAIL=admin@acme.com ZENDESK_API_TOKEN=…
              pylon-kb import zendesk --url https://acme.zendesk.com --out help
              pylon-kb check help && pylon-kb plan help

            Credentials are read only from the environment, never printed or stored:
            Zendesk: ZENDESK_EMAIL and ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN);
            the address from --url or ZENDESK_URL. Categories and sections become
            folders with _collection.yml, articles <slug>.md, translations
            <slug>.<lang>.md, images images/<hash>.<ext>; old public paths go to
            redirect_from. Writes _import-report.md. A rerun changes only what changed
            in the help center, and refuses to overwrite files edited since the last
            import unless --force. Intercom and Help Scout are not available yet.
            Exit codes: 0 imported, 1 error, 64 usage. See docs/import.md.
            """)

    @Argument(help: ArgumentHelp("The help center's vendor: zendesk.", valueName: "vendor"))
    var vendor: String

    @Option(help: ArgumentHelp("The folder to write (created when missing).", valueName: "dir"))
    var out: String

    @Option(
        help: ArgumentHelp(
            "The vendor API's address (default: ZENDESK_URL). https, or http on this machine only.",
            valueName: "url"))
    var url: String?

    @Flag(help: "Overwrite files edited since the last import.")
    var force = false

    @Option(
        help: ArgumentHelp("Attempts per request before giving up (429, 5xx, no answer).", valueName: "n"))
    var maxAttempts = 5

    public init() {}

    public func validate() throws {
        guard ImportVendor(rawValue: vendor.lowercased()) == .zendesk else {
            if ImportVendor(rawValue: vendor.lowercased()) != nil {
                throw ValidationError("Import from \(vendor) is not available yet; only zendesk is.")
            }
            throw ValidationError("Unknown vendor “\(vendor)”: use zendesk.")
        }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1.") }
        if let url { _ = try Self.apiURL(url) }
    }

    /// https anywhere; plain http only on this machine (tests, local fakes), so credentials
    /// never cross a network in clear text.
    static func apiURL(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            let host = url.host?.lowercased()
        else {
            throw ValidationError("--url \(text) is not an address such as https://acme.zendesk.com.")
        }
        let local = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
        guard scheme == "https" || (scheme == "http" && local) else {
            throw ValidationError("--url must start with https:// (plain http only for localhost): \(text)")
        }
        return url
    }

    public func run() async throws {
        let context = CommandContext.current
        let chosen = ImportVendor(rawValue: vendor.lowercased()) ?? .zendesk
        guard let address = url ?? context.value("ZENDESK_URL") else {
            throw CommandFailure(
                "Say which help center to read: --url https://<subdomain>.zendesk.com, or set ZENDESK_URL.")
        }
        let baseURL: URL
        do { baseURL = try Self.apiURL(address) } catch let error as ValidationError {
            throw CommandFailure(error.message)
        }
        let hint = "ZENDESK_EMAIL and ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN)"
        guard
            let authorization = ImportSession.zendeskAuthorization(
                email: context.value("ZENDESK_EMAIL"), apiToken: context.value("ZENDESK_API_TOKEN"),
                oauthToken: context.value("ZENDESK_OAUTH_TOKEN"))
        else {
            throw CommandFailure(
                "Set \(hint) in the environment; pylon-kb reads Zendesk credentials only from there.")
        }
        let folder = context.url(out, isDirectory: true)
        let session = ImportSession(
            options: ImportSession.Options(
                vendor: chosen, baseURL: baseURL, authorization: authorization, credentialHint: hint,
                folder: folder,
                force: force, maxAttempts: maxAttempts))
        let outcome: ImportSession.Outcome
        do {
            outcome = try await session.run()
        } catch let failure as ImportFailure {
            throw CommandFailure(failure.description)
        }
        printSummary(outcome, console: context.console)
    }

    private func printSummary(_ outcome: ImportSession.Outcome, console: Console) {
        let report = outcome.report
        for note in report.notes.sorted() { console.error("warning: \(note)") }
        for item in report.sortedUnmapped {
            console.error("\(item.location(in: out)): warning: \(item.message)")
        }
        for path in outcome.keptEdited {
            console.error(
                "warning: \(ImportReport.Item(path: path, line: nil, message: "").location(in: out)) is no longer in \(report.vendor.displayName) but was edited, so it was kept."
            )
        }
        console.print("Imported from \(report.vendor.displayName): \(report.summary).")
        let changed =
            outcome.written.isEmpty && outcome.removed.isEmpty
            ? "No file changed (\(outcome.unchanged) already up to date)."
            : "\(outcome.written.count) files written, \(outcome.removed.count) removed, \(outcome.unchanged) unchanged."
        console.print(changed)
        let reportPath = ImportReport.Item(path: "_import-report.md", line: nil, message: "").location(
            in: out)
        console.print(
            "Report: \(reportPath). Next: pylon-kb check\(out == "." ? "" : " " + out), then plan and apply.")
    }
}
