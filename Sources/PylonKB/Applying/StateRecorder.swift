/// Owns the state file during apply: every successful remote write is recorded here and the
/// file is rewritten atomically at once, so a run killed at any moment leaves a state that
/// matches what Pylon holds (at worst missing the one write in flight, which the next run's
/// lookup by slug finds again).
actor StateRecorder {
    private(set) var state: DeploymentState
    private let store: StateStore?
    private(set) var saveFailure: String?

    init(state: DeploymentState, store: StateStore?) {
        self.state = state
        self.store = store
    }

    func update(_ change: (inout DeploymentState) -> Void) {
        change(&state)
        guard let store else { return }
        do {
            try store.save(state)
        } catch {
            saveFailure =
                "Could not write \(store.url.path): \(error). Pylon holds the changes; the next plan finds them by slug."
        }
    }
}
