import ArgumentParser
import Foundation
import PylonKB

/// How `plan`, `apply` and `migrate` show a plan, ask before changing anything, report progress
/// and sum up what was applied: written once for all three.
struct PlanPresenter {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    let context: CommandContext
    var console: Console { context.console }

    init(context: CommandContext = .current) {
        self.context = context
    }

    /// The plan on standard output.
    func show(_ plan: Plan, format: Format = .text) throws {
        switch format {
        case .text: console.print(PlanTextFormatter(color: context.useColor).format(plan), terminator: "")
        case .markdown: console.print(PlanMarkdownFormatter().format(plan), terminator: "")
        case .json: console.write(try PlanJSON.encode(plan))
        }
    }

    /// Asks `question` unless `autoApprove`; anything but "yes" cancels (exit 0, nothing
    /// changed). Without a terminal to ask on it fails with `withoutTerminal`.
    func confirm(_ question: String, autoApprove: Bool, withoutTerminal: String) throws {
        guard !autoApprove else { return }
        guard console.inputIsTerminal else { throw CommandFailure(withoutTerminal) }
        console.error("\n\(question) Only 'yes' continues: ", terminator: "")
        guard console.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
            throw CleanExit.message("Cancelled. Nothing was changed.")
        }
    }

    /// Runs `apply` with a progress line for `plan`'s tasks.
    func withProgress(
        _ plan: Plan, _ apply: (@escaping @Sendable (ApplyProgress) -> Void) async throws -> ApplyReport
    ) async throws -> ApplyReport {
        let reporter = ProgressPrinter(total: Applier.taskCount(plan), console: console)
        let report = try await apply { reporter.show($0) }
        reporter.finish()
        return report
    }

    /// Warnings, what was applied where, live URLs (when `listsURLs`), and the failed changes;
    /// fails (exit 1) when any change failed, saying to run `again` to finish.
    func summarize(_ report: ApplyReport, appliedTo destination: String, listsURLs: Bool, again: String)
        throws
    {
        for warning in report.warnings { console.error("warning: \(warning)") }
        console.print("")
        console.print("Applied \(Self.count(report.completed.count, "change")) to \(destination)")
        if listsURLs, !report.urls.isEmpty {
            console.print("Live URLs:")
            for (source, url) in report.urls.sorted(by: { $0.key < $1.key }) {
                console.print("  \(source)  \(url)")
            }
        }
        guard report.failures.isEmpty else {
            console.print("\(Self.count(report.failures.count, "change")) failed:")
            for failure in report.failures { console.print("  ✗ \(failure)") }
            console.print("Everything that succeeded is recorded; run \(again) again to finish.")
            throw CommandFailure.reported
        }
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
