import ArgumentParser
import Foundation
import PylonKB

public struct ImportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import a help center from Zendesk Guide, Intercom or Help Scout Docs into a content folder.",
        discussion: """
            Examples:
              export ZENDESK_EMAIL=admin@acme.com ZENDESK_API_TOKEN=…
              pylon-kb import zendesk --url https://acme.zendesk.com --out help
              INTERCOM_ACCESS_TOKEN=… pylon-kb import intercom --help-center 12 --out help
              HELPSCOUT_API_KEY=… pylon-kb import helpscout --site 5214… --out help
              pylon-kb check help && pylon-kb plan help

            Credentials are read only from the environment, never printed or stored:
            Zendesk: ZENDESK_EMAIL and ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN);
            the address from --url or ZENDESK_URL. Intercom: INTERCOM_ACCESS_TOKEN;
            --url or INTERCOM_URL (default https://api.intercom.io). Help Scout:
            HELPSCOUT_API_KEY; --url or HELPSCOUT_URL (default
            https://docsapi.helpscout.net). Categories,
            sections and collections become
            folders with _collection.yml, articles <slug>.md, translations
            <slug>.<lang>.md, images images/<hash>.<ext>; old public paths go to
            redirect_from. Writes _import-report.md. A rerun changes only what changed
            in the help center, and refuses to overwrite files edited since the last
            import unless --force.
            Exit codes: 0 imported, 1 error, 64 usage. See docs/import.md.
            """)

    @Argument(
        help: ArgumentHelp("The help center's vendor: zendesk, intercom or helpscout.", valueName: "vendor"))
    var vendor: String

    @Option(help: ArgumentHelp("The folder to write (created when missing).", valueName: "dir"))
    var out: String

    @Option(
        help: ArgumentHelp(
            "The vendor API's address (default: ZENDESK_URL, INTERCOM_URL or HELPSCOUT_URL). https, or http on this machine only.",
            valueName: "url"))
    var url: String?

    @Option(
        help: ArgumentHelp("Intercom: the help center to import, when there are several.", valueName: "id"))
    var helpCenter: String?

    @Option(
        help: ArgumentHelp("Help Scout: the Docs site to import, when there are several.", valueName: "id"))
    var site: String?

    @Flag(help: "Overwrite files edited since the last import.")
    var force = false

    @Option(
        help: ArgumentHelp("Attempts per request before giving up (429, 5xx, no answer).", valueName: "n"))
    var maxAttempts = 5

    public init() {}

    public func validate() throws {
        guard let chosen = ImportVendor(rawValue: vendor.lowercased()) else {
            throw ValidationError("Unknown vendor “\(vendor)”: use zendesk, intercom or helpscout.")
        }
        if helpCenter != nil, chosen != .intercom {
            throw ValidationError("--help-center is for intercom only.")
        }
        if site != nil, chosen != .helpscout { throw ValidationError("--site is for helpscout only.") }
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
        let (address, authorization, hint) = try credentials(chosen, context: context)
        let baseURL: URL
        do { baseURL = try Self.apiURL(address) } catch let error as ValidationError {
            throw CommandFailure(error.message)
        }
        let folder = context.url(out, isDirectory: true)
        let session = ImportSession(
            options: ImportSession.Options(
                vendor: chosen, baseURL: baseURL, authorization: authorization, credentialHint: hint,
                folder: folder,
                force: force, maxAttempts: maxAttempts, helpCenter: helpCenter ?? site))
        let outcome: ImportSession.Outcome
        do {
            outcome = try await session.run()
        } catch let failure as ImportFailure {
            throw CommandFailure(failure.description)
        }
        printSummary(outcome, console: context.console)
    }

    /// The API address, the `Authorization` value and the variables that hold it, from the
    /// options and the environment only.
    private func credentials(_ chosen: ImportVendor, context: CommandContext) throws -> (
        String, String, String
    ) {
        switch chosen {
        case .intercom:
            let hint = "INTERCOM_ACCESS_TOKEN"
            guard let token = context.value("INTERCOM_ACCESS_TOKEN") else {
                throw CommandFailure(
                    "Set \(hint) in the environment; pylon-kb reads Intercom credentials only from there.")
            }
            return (
                url ?? context.value("INTERCOM_URL") ?? "https://api.intercom.io", "Bearer \(token)", hint
            )
        case .helpscout:
            let hint = "HELPSCOUT_API_KEY"
            guard let key = context.value("HELPSCOUT_API_KEY") else {
                throw CommandFailure(
                    "Set \(hint) in the environment; pylon-kb reads Help Scout credentials only from there.")
            }
            let authorization = "Basic " + Data("\(key):X".utf8).base64EncodedString()
            return (
                url ?? context.value("HELPSCOUT_URL") ?? "https://docsapi.helpscout.net", authorization, hint
            )
        case .zendesk:
            guard let address = url ?? context.value("ZENDESK_URL") else {
                throw CommandFailure(
                    "Say which help center to read: --url https://<subdomain>.zendesk.com, or set ZENDESK_URL."
                )
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
            return (address, authorization, hint)
        }
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
        if report.imagesNotImported > 0 {
            // `check` cannot see these: the articles are fine, until the old site stops serving them.
            console.error(
                "warning: \(report.imagesNotImported == 1 ? "1 image was" : "\(report.imagesNotImported) images were") not downloaded (listed above): the articles still show \(report.imagesNotImported == 1 ? "it" : "them") from \(report.vendor.displayName), only until it is switched off; fix the access and import again before you apply."
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
