import Foundation

/// Owns the state file during apply: every successful remote write is recorded here and made
/// durable at once, so a run killed at any moment leaves a state that matches what Pylon holds
/// (at worst missing the one write in flight, which the next run's lookup by slug finds again).
///
/// The first record writes the whole file; later ones append what changed to the journal
/// (`StateJournal`), and the whole file is rewritten when the journal grows larger than it
/// and at `finish()`. So each record costs time in proportion to what it changed, not to the
/// size of the knowledge base.
package actor StateRecorder {
    private(set) var state: DeploymentState
    private let store: StateStore?
    package private(set) var saveFailure: String?
    private var journal: StateJournal.Writer?
    /// The size of the whole file at its last write.
    private var fileBytes = 0
    /// What the journal holds of the two append-only lists, to write only what was appended.
    private var journaledRedirectCount = 0

    package init(state: DeploymentState, store: StateStore?) {
        self.state = state
        self.store = store
    }

    /// What one update changes, named by the caller so that recording it does not have to
    /// compare the whole state.
    package enum Key: Hashable {
        case article(source: String)
        case collection(slugPath: String)
        case image(sha256: String)
        /// Redirects appended, pending redirects changed.
        case redirects
        case serverRenamesInPlace
        case capabilities
    }

    /// Records a change that touches only `keys`.
    package func update(_ keys: Set<Key>, _ change: (inout DeploymentState) -> Void) {
        change(&state)
        var entry = StateJournal.Entry()
        for key in keys {
            switch key {
            case .article(let source):
                entry.articles = (entry.articles ?? [:]).merging([source: state.articles[source]]) { _, new in
                    new
                }
            case .collection(let path):
                entry.collections = (entry.collections ?? [:]).merging([path: state.collections[path]]) {
                    _, new in
                    new
                }
            case .image(let hash):
                entry.images = (entry.images ?? [:]).merging([hash: state.images[hash]]) { _, new in new }
            case .redirects:
                if state.redirects.count >= journaledRedirectCount {
                    entry.addedRedirects = Array(state.redirects[journaledRedirectCount...])
                } else {
                    entry.redirects = state.redirects
                }
                entry.pendingRedirects = state.pendingRedirects
            case .serverRenamesInPlace:
                entry.serverRenamesInPlace = state.serverRenamesInPlace
            case .capabilities:
                entry.capabilities = state.capabilities
            }
        }
        record(entry)
    }

    /// Records any change; finds what changed by comparing the whole state, so prefer naming
    /// the keys on paths that run once per article.
    func update(_ change: (inout DeploymentState) -> Void) {
        let before = state
        change(&state)
        guard let entry = StateJournal.Entry(from: before, to: state) else {
            saveWhole()
            return
        }
        record(entry)
    }

    /// Writes the whole file and removes the journal: the state file a team commits is complete.
    package func finish() {
        guard journal != nil else { return }
        saveWhole(reopenJournal: false)
    }

    private func record(_ entry: StateJournal.Entry) {
        guard let store, !entry.isEmpty else { return }
        guard let journal else {
            saveWhole()
            return
        }
        do {
            try journal.append(entry)
            journaledRedirectCount = state.redirects.count
            // Rewriting the file once the journal outgrows it keeps both the journal and the
            // time to read the state in proportion to the state's size.
            if journal.bytes > max(fileBytes, 64 * 1024) { saveWhole() }
        } catch {
            fail(store, error)
        }
    }

    private func saveWhole(reopenJournal: Bool = true) {
        guard let store else { return }
        do {
            journal = nil
            fileBytes = try store.save(state)
            journaledRedirectCount = state.redirects.count
            if reopenJournal { journal = try StateJournal.Writer(url: store.journalURL) }
        } catch {
            fail(store, error)
        }
    }

    private func fail(_ store: StateStore, _ error: any Error) {
        saveFailure =
            "Could not write \(store.url.path): \(error). Pylon holds the changes; the next plan finds them by slug."
    }
}
