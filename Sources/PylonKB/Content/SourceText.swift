import Foundation

/// A content file's text as pylon-kb reads it: UTF-8 with any byte-order mark removed and
/// CRLF line endings turned into LF, so Windows-edited files behave like any other.
public enum SourceText {
    /// Why a file's bytes are not usable text.
    public struct DecodingFailure: Error, Sendable, Equatable {
        /// 1-based line of the first byte that is not UTF-8.
        public var line: Int
    }

    public static func decode(_ data: Data) throws(DecodingFailure) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DecodingFailure(line: firstInvalidLine(bytes))
        }
        guard text.contains("\r") else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The line of the first invalid UTF-8 sequence, for the error message.
    private static func firstInvalidLine(_ bytes: Data.SubSequence) -> Int {
        var line = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: return line
            case .error: return line
            }
        }
    }
}
