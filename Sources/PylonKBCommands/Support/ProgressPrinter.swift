import Foundation
import PylonKB
import Synchronization

/// Apply progress: one self-updating line with an ETA on a terminal, plain lines otherwise
/// (CI logs keep every line).
final class ProgressPrinter: Sendable {
    private let total: Int
    private let start = Date()
    private let console: Console
    private let lastWidth = Mutex(0)

    init(total: Int, console: Console) {
        self.total = total
        self.console = console
    }

    func show(_ progress: ApplyProgress) {
        let mark = progress.isFailure ? "✗" : "✓"
        guard console.errorIsTerminal else {
            console.error("[\(progress.completed)/\(total)] \(mark) \(progress.line)")
            return
        }
        let elapsed = Date().timeIntervalSince(start)
        let remaining =
            progress.completed > 0
            ? elapsed / Double(progress.completed) * Double(total - progress.completed) : 0
        if progress.isFailure { clearLine(); console.error("✗ \(progress.line)") }
        let line = "[\(progress.completed)/\(total)] ETA \(Self.format(remaining))  \(progress.line)"
        let clipped = String(line.prefix(120))
        lastWidth.withLock { width in
            let padding = String(repeating: " ", count: max(0, width - clipped.count))
            console.error("\r" + clipped + padding, terminator: "")
            width = clipped.count
        }
    }

    func finish() {
        if console.errorIsTerminal { clearLine() }
    }

    private func clearLine() {
        lastWidth.withLock { width in
            console.error("\r" + String(repeating: " ", count: width) + "\r", terminator: "")
            width = 0
        }
    }

    static func format(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 60 ? "\(total / 60)m\(String(format: "%02d", total % 60))s" : "\(total)s"
    }
}
