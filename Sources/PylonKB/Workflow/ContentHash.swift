import Crypto
import Foundation

/// SHA-256 as lower-case hex: the identity of an image's bytes and of a canonical body.
enum ContentHash {
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
