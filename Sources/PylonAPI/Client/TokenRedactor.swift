import Foundation

/// Removes the API token from any text before it reaches a log line or an error message,
/// including text a server echoed back. Also masks whatever follows "Bearer ".
struct TokenRedactor: Sendable {
    private let token: String

    init(token: String) {
        self.token = token.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func callAsFunction(_ text: String) -> String {
        var result = text
        // A token of one or two characters cannot be hidden without mangling every message;
        // real tokens are long.
        if token.count >= 3 {
            result = result.replacingOccurrences(of: token, with: "[REDACTED]")
            if let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics),
                encoded != token
            {
                result = result.replacingOccurrences(of: encoded, with: "[REDACTED]")
            }
        }
        return result.replacingOccurrences(
            // "bearer token" in a server's prose is not a credential; anything else after it is.
            of: #"(?i)(bearer)\s+(?!token\b)[^\s"',;]+"#, with: "$1 [REDACTED]", options: .regularExpression)
    }
}
