import Foundation

/// Everything that shapes one emulator instance. Defaults give an in-memory Pylon on a free
/// loopback port with no rate limits, no faults and the standard seed.
public struct EmulatorConfiguration: Sendable {
    /// Address to bind. Keep the default: the admin view under `/_emulator` has no auth.
    public var host: String
    /// TCP port; 0 lets the system pick a free one (read it from `RunningEmulator.port`).
    public var port: Int
    /// Directory holding `emulator.sqlite`; nil keeps all state in memory.
    public var dataDirectory: URL?
    /// The bearer token clients must send. Compared in constant time.
    public var token: String
    /// Speed-up of Pylon's per-minute limits: at most `requestsPerMinute` requests per endpoint
    /// group in any sliding window of `60 / rateLimitScale` seconds. nil or 0 disables limits.
    public var rateLimitScale: Double?
    /// Injected failures, evaluated in order for every API request.
    public var faults: [FaultRule]
    /// Seed of the random generator that decides probabilistic faults, for repeatable runs.
    public var faultSeed: UInt64
    /// Re-serialize stored HTML the way an editor would (see `EditorSanitizer`).
    public var sanitize: Bool
    /// Let `PATCH …/articles/{id}` change `slug`. Pylon's OpenAPI does not list the field, so
    /// by default it is ignored; the opt-in emulates a server that allows it.
    public var honourSlugUpdates: Bool
    /// Knowledge bases and users created at start when missing.
    public var seed: EmulatorSeed
    /// The JSON and stored-HTML shapes of the answers.
    public var wire: WireProfile
    /// The documented API or the newer one.
    public var apiSurface: APISurface
    /// Seeds the `hostile` profile's choices (field order, extra fields, timestamp spellings).
    public var wireSeed: UInt64
    /// The time the rate limits count in and injected delays wait on: `ContinuousClock` by
    /// default; a test passes a clock it moves by hand (the same one its client paces on) so
    /// rate-limit and pacing behaviour is asserted on virtual time, whatever the machine's
    /// load. Stored timestamps (`created_at`, `LoggedRequest.receivedAt`) stay wall-clock.
    public var clock: any Clock<Duration>

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        dataDirectory: URL? = nil,
        token: String,
        rateLimitScale: Double? = nil,
        faults: [FaultRule] = [],
        faultSeed: UInt64 = 0,
        sanitize: Bool = false,
        honourSlugUpdates: Bool = false,
        seed: EmulatorSeed = .standard,
        wire: WireProfile = .tidy,
        apiSurface: APISurface = .current,
        wireSeed: UInt64 = 0,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.token = token
        self.rateLimitScale = rateLimitScale
        self.faults = faults
        self.faultSeed = faultSeed
        self.sanitize = sanitize
        self.honourSlugUpdates = honourSlugUpdates
        self.seed = seed
        self.wire = wire
        self.apiSurface = apiSurface
        self.wireSeed = wireSeed
        self.clock = clock
    }

    /// The sliding window, or nil when limits are off.
    var rateLimitWindow: Duration? { Self.rateLimitWindow(scale: rateLimitScale) }

    /// The window for Pylon's per-minute limits `scale` times faster; nil (no limits) for nil or 0.
    static func rateLimitWindow(scale: Double?) -> Duration? {
        guard let scale, scale > 0 else { return nil }
        return .seconds(60 / scale)
    }

    /// What this emulator stores for `html` written through the API: the editor's
    /// re-serialization if `sanitize` is on, then the hostile profile's server-side
    /// normalisation. Tests use it to know what a faithful server must hold.
    public func storedHTML(_ html: String) -> String { storedHTMLTransform(html) }

    var storedHTMLTransform: @Sendable (String) -> String {
        let sanitizes = sanitize
        let normalizes = wire == .hostile
        return { html in
            let edited = sanitizes ? EditorSanitizer.sanitize(html) : html
            return normalizes ? HostileHTMLNormalizer.normalize(edited) : edited
        }
    }
}
