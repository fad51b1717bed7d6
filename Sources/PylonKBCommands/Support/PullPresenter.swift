import PylonKB

/// Prints what `pull` did: the files, the conflicts with both diffs, and what it left alone.
struct PullPresenter {
    let console: Console
    let dryRun: Bool

    func show(_ report: PullReport, from source: String) {
        for note in report.notes { console.error("warning: \(note)") }
        guard !report.isEmpty else {
            console.print("Nothing to pull: \(source) has no edits the content lacks.")
            return
        }
        if !report.pulled.isEmpty {
            console.print(dryRun ? "Would write (dry run, nothing written):" : "Pulled from \(source):")
            for file in report.pulled {
                let mark = file.changes == ["new"] ? "+" : "~"
                var line =
                    "  \(mark) \(file.path)  “\(file.title)”  (\(file.changes.joined(separator: ", ")))"
                if file.rewrittenWhole { line += "  [text rewritten whole]" }
                console.print(line)
                if dryRun { showDiff(file.diff) }
            }
            if report.pulled.contains(where: \.rewrittenWhole) {
                console.print(
                    "  [text rewritten whole]: the edit could not be placed in the file's own Markdown (it is spelled differently, or comes from an include), so the body was written from Pylon's text. Check the diff."
                )
            }
        }
        if !report.conflicts.isEmpty {
            console.print("")
            console.print("Changed in git and in Pylon since the last apply (nothing written for these):")
            for conflict in report.conflicts {
                let markers =
                    conflict.markersWritten ? "  [both versions written between conflict markers]" : ""
                console.print("  ! \(conflict.path)  “\(conflict.title)”\(markers)")
                console.print("    your file (-) against Pylon (+):")
                showDiff(conflict.pylonDiff, indent: "      ")
                if let git = conflict.gitDiff {
                    console.print("    changed in git since the last apply:")
                    for line in git.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                        console.print("      \(line)")
                    }
                }
            }
            console.print(
                "  Merge each by hand (or pull again with --conflict-markers), then apply with `--on-drift overwrite`."
            )
        }
        if !report.deletedInPylon.isEmpty {
            console.print("")
            console.print(
                report.removedLocally
                    ? "Deleted in Pylon, so removed here:"
                    : "Deleted in Pylon (kept here; pass --delete to remove):")
            for path in report.deletedInPylon { console.print("  - \(path)") }
        }
        if !report.notCreated.isEmpty {
            console.print("")
            console.print("Created in Pylon inside your collections (not written; pass --new to write them):")
            for article in report.notCreated { console.print("  + \(article)") }
        }
        var summary: [String] = []
        let files = report.pulled.count
        summary.append("\(dryRun ? "Would pull" : "Pulled") \(files) \(files == 1 ? "file" : "files")")
        if !report.conflicts.isEmpty {
            summary.append(
                "\(report.conflicts.count) \(report.conflicts.count == 1 ? "conflict" : "conflicts")")
        }
        console.print("")
        console.print(summary.joined(separator: ", ") + ".")
    }

    private func showDiff(_ diff: TextDiff, indent: String = "      ") {
        for line in diff.lines {
            switch line.kind {
            case .hunk: console.print("\(indent)…")
            case .context: console.print("\(indent) \(line.text)")
            case .removed: console.print("\(indent)-\(line.text)")
            case .added: console.print("\(indent)+\(line.text)")
            }
        }
    }
}
