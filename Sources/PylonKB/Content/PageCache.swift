import Synchronization

/// Results kept between builds of the same folder (`pylon-kb preview`), one per page path, each
/// with the input it was made from, and reused while that input is equal. Compared, not hashed:
/// hashing every page's Markdown on every save cost a tenth of a rebuild. Pages are made on many
/// tasks at once, hence the lock. Used for parses (`ContentLoader`) and renders (`LivePreview`).
final class PageCache<Input: Equatable & Sendable, Value: Sendable>: Sendable {
    /// The kept results, and the pages the build under way asked for (the rest go after it).
    private let state = Mutex<(entries: [String: (input: Input, value: Value)], used: Set<String>)>(([:], []))

    /// The value for `path` made from `input`: the kept one when its input is equal, else what
    /// `make` returns, kept only when `make` says it may be.
    func value(for path: String, input: Input, make: () -> (value: Value, keep: Bool)) -> Value {
        if let known = state.withLock({ state -> Value? in
            state.used.insert(path)
            guard let entry = state.entries[path], entry.input == input else { return nil }
            return entry.value
        }) {
            return known
        }
        let made = make()
        state.withLock { $0.entries[path] = made.keep ? (input, made.value) : nil }
        return made.value
    }

    /// After a build: only what it asked for is kept, so removed pages do not pile up.
    func keepOnlyUsed() {
        state.withLock { state in
            state.entries = state.entries.filter { state.used.contains($0.key) }
            state.used = []
        }
    }

    func removeAll() {
        state.withLock { $0 = ([:], []) }
    }
}
