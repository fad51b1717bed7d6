import Foundation

/// The starter content folder `pylon-kb init` writes: a configuration that publishes to the
/// local knowledge base, one collection with two articles that show the main features, a
/// `.gitignore` for the local data, and `_README.md` with the next steps (the leading `_`
/// keeps it from being published as an article).
public enum ContentScaffold {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Files by path relative to the new content folder. Without `knowledgeBase` the folder
    /// publishes to the embedded local knowledge base; with it, to that Pylon knowledge base.
    public static func files(author: String, knowledgeBase: String? = nil) -> [String: String] {
        let target =
            knowledgeBase.map { id in
                """
                # The Pylon knowledge base to publish to (`pylon-kb knowledge-bases` lists them).
                # PYLON_API_TOKEN must be set for plan and apply. `target: local` instead
                # publishes to a local knowledge base in .pylon-kb/local/, with no account.
                knowledge_base: \(id)
                """
            }
                ?? """
                # `target: local` publishes to a local knowledge base in .pylon-kb/local/.
                # To publish to Pylon, replace it with `knowledge_base: <id>`
                # (run `pylon-kb knowledge-bases` with PYLON_API_TOKEN set to find the id).
                target: local
                """
        return [
            "pylon-kb.yml": """
            # pylon-kb settings (see docs/configuration.md in the pylon-kb repository).
            \(target)
            author: \(author)

            defaults:
              published: true
              visibility: public

            policies:
              on_remove: report
              on_rename: unlist
              on_drift: fail

            """,
            ".gitignore": """
            # The local knowledge base (target: local). Commit .pylon-kb/state.json when you
            # publish to Pylon: it remembers what was published.
            .pylon-kb/local/
            # Held while an apply runs; a killed run may leave it behind (harmless).
            .pylon-kb/apply.lock
            # What `check --external-links` found, reused for a day (docs/checks.md).
            .pylon-kb/cache/
            # Without git, what stale-translation warnings compare against; with git, history is.
            .pylon-kb/translation-sources.json

            """,
            "getting-started/_collection.yml": """
            title: Getting started
            description: The first things to know.

            """,
            "getting-started/welcome.md": """
            ---
            title: Welcome
            ---

            This knowledge base is written in Markdown and published with pylon-kb. Edit this file,
            run `pylon-kb plan` to see the change, and `pylon-kb apply` to publish it.

            > [!TIP]
            > Callouts like this one become styled blockquotes in Pylon.

            Next, read [how to write an article](write-an-article.md#front-matter).

            """,
            "getting-started/write-an-article.md": """
            ---
            title: Write an article
            slug: write-an-article
            ---

            Every `.md` file is an article; every folder is a collection.

            ## Front matter

            The block between `---` lines at the top sets the title and, optionally, `slug`,
            `published`, `unlisted`, `visibility` and more.

            | Key | Example | What it does |
            | :-- | :------ | :----------- |
            | `title` | `Write an article` | The article's title |
            | `published` | `false` | Keep it as a draft |

            ## Code

            ```bash
            pylon-kb check
            ```

            """,
            "_README.md": """
            # This knowledge base

            Written in Markdown, published to Pylon with pylon-kb. Every `.md` file is an article
            and every folder a collection. Files and folders whose name starts with `_` (like
            this one) or `.` are not published.

            ## Next steps

            1. `pylon-kb check` validates every article (front matter, links, images) and
               prints each problem as `path:line: error: …`.
            2. `pylon-kb plan` shows what would change; `pylon-kb apply` publishes it.
               With `target: local` in `pylon-kb.yml` this is a local knowledge base:
               `pylon-kb emulator` then serves it at http://127.0.0.1:4780/ to look at.
            3. To publish to Pylon: a Pylon admin creates an API token (Settings → API tokens);
               `export PYLON_API_TOKEN=…`; `pylon-kb knowledge-bases` lists the ids it
               reaches. Put `knowledge_base: <id>` in `pylon-kb.yml` instead of
               `target: local`, set `author` to the email of a Pylon user, then run
               `pylon-kb plan` and `pylon-kb apply`.
            4. Commit `.pylon-kb/state.json` after publishing to Pylon: it remembers what was
               published, so renames and edits made in Pylon are recognised.
            5. Let CI publish: the pylon-kb repository's `docs/ci.md` has a GitHub workflow
               (the plan as a pull-request comment, apply on merge) and a GitLab equivalent.

            """,
        ]
    }

    /// Refuses a folder that has files (other than `.git`) unless `force`: `init` asks this
    /// before writing anything, as part of checking its arguments.
    public static func checkFolder(_ directory: URL, force: Bool) throws(Failure) {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        if !existing.filter({ $0 != ".git" }).isEmpty && !force {
            throw Failure(
                description:
                    "\(directory.path) is not empty. Choose a new folder (pylon-kb init my-kb), or pass --force to add the starter files next to what is there (existing files are kept)."
            )
        }
    }

    /// Writes the scaffold into `directory`, creating it. Refuses a folder that has files
    /// unless `force`; never overwrites an existing file even then.
    public static func write(
        to directory: URL, author: String, knowledgeBase: String? = nil, force: Bool
    ) throws(Failure) -> [String] {
        try checkFolder(directory, force: force)
        let manager = FileManager.default
        var written: [String] = []
        for (path, text) in files(author: author, knowledgeBase: knowledgeBase).sorted(by: { $0.key < $1.key }
        ) {
            let url = directory.appendingPathComponent(path)
            if manager.fileExists(atPath: url.path) { continue }
            do {
                try manager.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw Failure(description: "Could not write \(url.path): \(error.localizedDescription)")
            }
            written.append(path)
        }
        return written
    }
}
