import Foundation
import Testing

@testable import PylonKB

/// Carrying a move out: everything or nothing.
@Suite struct MoveExecutorTests {
    static func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "move-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try "one\r\n".write(to: root.appendingPathComponent("a/one.md"), atomically: true, encoding: .utf8)
        try "two\n".write(to: root.appendingPathComponent("a/two.md"), atomically: true, encoding: .utf8)
        try "taken\n".write(to: root.appendingPathComponent("taken.md"), atomically: true, encoding: .utf8)
        return root
    }

    static func read(_ root: URL, _ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func aMoveIsDoneWholeKeepsLineEndingsAndCanBeUndone() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = MovePlan(
            moves: [.init(from: "a/one.md", to: "b/c/one.md", isFolder: false)],
            edits: [.init(path: "a/one.md", pathAfter: "b/c/one.md", text: "ONE\n", changes: [])],
            slugRecords: [], movedFiles: ["a/one.md": "b/c/one.md"])
        let done = try MoveExecutor(root: root).perform(plan)
        #expect(Self.read(root, "b/c/one.md") == "ONE\r\n")
        #expect(Self.read(root, "a/one.md") == nil)
        #expect(done.undo().isEmpty)
        #expect(Self.read(root, "a/one.md") == "one\r\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("b").path))
    }

    @Test func aFailureHalfwayPutsBackWhatWasMoved() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = MovePlan(
            moves: [
                .init(from: "a/one.md", to: "new/one.md", isFolder: false),
                .init(from: "a/two.md", to: "taken.md", isFolder: false),
            ],
            edits: [], slugRecords: [], movedFiles: [:])
        #expect(throws: MoveExecutor.Failure.self) { try MoveExecutor(root: root).perform(plan) }
        #expect(Self.read(root, "a/one.md") == "one\r\n")
        #expect(Self.read(root, "a/two.md") == "two\n")
        #expect(Self.read(root, "taken.md") == "taken\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("new").path))
    }
}
