import Foundation

/// What `stale_translations` falls back on without git: for each translation, a hash of its
/// source article as it was when the translation last changed, recorded by `apply` in
/// `.pylon-kb/translation-sources.json`.
///
/// The state file cannot serve: it holds hashes of the HTML sent, with links resolved to
/// Pylon addresses, so it changes when an unrelated article moves. Here both hashes are of
/// the Markdown a writer edits (title and body, without link addresses; front matter such as
/// tags is not a change a translator must follow). The rule at each apply: a translation whose hash is unchanged
/// keeps the source hash it was recorded with (so a stale translation stays stale over any
/// number of publishes); a changed or new one is recorded against the source as it is now.
public struct TranslationSources: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        /// The translation's title and body, hashed.
        public var translation: String
        /// Its source's title and body when the translation last changed, hashed.
        public var source: String
    }

    public var version = 1
    /// By translation path (`guides/install.fr.md`).
    public var translations: [String: Entry] = [:]

    public static func url(root: URL) -> URL {
        root.appendingPathComponent(".pylon-kb/translation-sources.json")
    }

    /// The file, or nil when there is none or it cannot be read (the check then says nothing).
    public static func load(root: URL) -> TranslationSources? {
        guard let data = FileManager.default.contents(atPath: url(root: root).path) else { return nil }
        return try? JSONDecoder().decode(TranslationSources.self, from: data)
    }

    /// The record after an apply of `tree`: see the rule above. Translations no longer in the
    /// folder are dropped.
    public func updated(for tree: ContentTree) -> TranslationSources {
        var next = TranslationSources()
        for article in tree.articles {
            let source = Self.hash(title: article.title, markdown: article.markdown)
            for translation in article.translations {
                let own = Self.hash(title: translation.title, markdown: translation.markdown)
                if let known = translations[translation.path], known.translation == own {
                    next.translations[translation.path] = known
                } else {
                    next.translations[translation.path] = Entry(translation: own, source: source)
                }
            }
        }
        return next
    }

    public func save(root: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self) + Data("\n".utf8), to: Self.url(root: root))
    }

    /// The translations whose source changed since they last did, by path. A translation
    /// edited since the last apply is being updated and is not included.
    func stale(in tree: ContentTree) -> Set<String> {
        var stale: Set<String> = []
        for article in tree.articles {
            let source = Self.hash(title: article.title, markdown: article.markdown)
            for translation in article.translations {
                guard let known = translations[translation.path],
                    known.translation == Self.hash(title: translation.title, markdown: translation.markdown),
                    known.source != source
                else { continue }
                stale.insert(translation.path)
            }
        }
        return stale
    }

    /// The title and the text, without the addresses of links and images: `pylon-kb mv`
    /// rewrites those in the source and not always in the translation, and a new address
    /// is nothing a translator must follow.
    static func hash(title: String, markdown: String) -> String {
        var text = markdown.replacing(/\]\([^)\n]*\)/, with: "]()")
        text = text.replacing(/(?m)^( {0,3}\[[^\]\n]+\]:)[^\n]*$/) { $0.output.1 }
        text = text.replacing(/(href|src)="[^"]*"/) { "\($0.output.1)=\"\"" }
        return ContentHash.sha256(Data((title + "\n\n" + text).utf8))
    }
}
