/// A created object's identity, as later steps need it.
public struct CreatedArticle: Sendable, Hashable {
    public var id: String
    public var identifier: String?
    public var slug: String
    public var url: String?

    public init(id: String, identifier: String?, slug: String, url: String?) {
        self.id = id
        self.identifier = identifier
        self.slug = slug
        self.url = url
    }

    public var publicPath: String? { identifier.map { "/articles/\($0)-\(slug)" } }
}

/// Results of apply steps that other steps wait for: a collection's id before its articles, an
/// image's URL before the articles that show it, an article before links and redirects to it.
/// A step that fails resolves its key with the reason, so everything that depends on it is
/// skipped with that reason instead of waiting forever.
actor ApplyOutcomes {
    enum Key: Hashable, Sendable {
        case collection(slugPath: String)
        case image(sha256: String)
        case article(source: String)
        case redirect(fromPath: String)
    }

    enum Value: Sendable {
        case collection(id: String)
        case image(url: String)
        case article(CreatedArticle)
        case done
    }

    private var results: [Key: Result<Value, DependencyFailure>] = [:]
    private var waiters: [Key: [CheckedContinuation<Result<Value, DependencyFailure>, Never>]] = [:]
    /// Every key some step of the plan resolves. Waiting for any other key would wait forever,
    /// so it fails at once instead (a plan that refers to something it does not make).
    private let expected: Set<Key>

    init(expected: Set<Key>) {
        self.expected = expected
    }

    func resolve(_ key: Key, _ result: Result<Value, DependencyFailure>) {
        guard results[key] == nil else { return }
        results[key] = result
        for waiter in waiters.removeValue(forKey: key) ?? [] { waiter.resume(returning: result) }
    }

    func value(_ key: Key) async -> Result<Value, DependencyFailure> {
        if let result = results[key] { return result }
        guard expected.contains(key) else {
            return .failure(DependencyFailure(message: "\(key) is not made by this plan"))
        }
        return await withCheckedContinuation { continuation in
            waiters[key, default: []].append(continuation)
        }
    }

    /// The result if it is already known, without waiting.
    func peek(_ key: Key) -> Result<Value, DependencyFailure>? { results[key] }
}

/// Why a step did not run: something it needs failed.
struct DependencyFailure: Error, Sendable {
    var message: String
}
