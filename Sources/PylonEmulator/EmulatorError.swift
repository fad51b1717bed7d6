/// Why the emulator could not start.
public enum EmulatorError: Error, Sendable, CustomStringConvertible {
    case invalidSeed(path: String, reason: String)
    case invalidFaultSpec(item: String, reason: String)
    case invalidSeedValue(String)
    case couldNotBind(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .invalidSeed(let path, let reason):
            "The seed file \(path) is not valid JSON for a seed (\(reason)). Fix the file or drop --seed."
        case .invalidFaultSpec(let item, let reason):
            "The fault rule \"\(item)\" is not valid: \(reason). Write rules as ENDPOINT:KIND:TRIGGER, "
                + "for example createArticle:500-applied:0.02 or *:429:3x."
        case .invalidSeedValue(let reason):
            "The seed is not valid: \(reason)."
        case .couldNotBind(let host, let port, let reason):
            "The emulator could not listen on \(host):\(port) (\(reason)). Pick another port."
        }
    }
}
