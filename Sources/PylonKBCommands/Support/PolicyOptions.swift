import ArgumentParser
import PylonKB

/// The policies of pylon-kb.yml, overridable per run.
struct PolicyOptions: ParsableArguments {
    @Option(help: "What to do with articles that have no source file any more: report, unlist or delete.")
    var onRemove: Configuration.RemovePolicy?

    @Option(help: "What to do with the old article of a rename: unlist or delete.")
    var onRename: Configuration.RenamePolicy?

    @Option(help: "What to do with articles edited in Pylon since the last apply: fail, skip or overwrite.")
    var onDrift: Configuration.DriftPolicy?

    @Option(
        help:
            "Whether a removed article whose text mostly went into one page gets a redirect to it: true or false."
    )
    var redirectMergedPages: Bool?

    @Option(help: "Refuse to remove or unlist more than this many articles in one run.")
    var maxRemovals: Int?

    var planOptions: PlanOptions {
        PlanOptions(
            onRemove: onRemove, onRename: onRename, onDrift: onDrift, maxRemovals: maxRemovals,
            redirectMergedPages: redirectMergedPages)
    }
}

extension Configuration.RemovePolicy: ExpressibleByArgument {}
extension Configuration.RenamePolicy: ExpressibleByArgument {}
extension Configuration.DriftPolicy: ExpressibleByArgument {}
