import Foundation

/// Where commands look for content when no folder is given, and how its paths are shown.
public enum ContentRoot {
    /// `.` when it holds `pylon-kb.yml`, else `./content` when that holds `pylon-kb.yml`
    /// (the layout the README's quick start uses), else `.`.
    public static func defaultDirectory(currentDirectory: URL) -> URL {
        let fileManager = FileManager.default
        if fileManager.fileExists(
            atPath: currentDirectory.appendingPathComponent(Configuration.fileName).path)
        {
            return currentDirectory
        }
        let content = currentDirectory.appendingPathComponent("content")
        if fileManager.fileExists(atPath: content.appendingPathComponent(Configuration.fileName).path) {
            return content
        }
        return currentDirectory
    }

    /// The prefix that turns a content-relative path into one relative to the current
    /// directory ("content/" for `./content`, "" for `.`), or the absolute root path plus "/"
    /// when the root is not below the current directory.
    public static func displayPrefix(root: URL, currentDirectory: URL) -> String {
        let rootPath = root.standardizedFileURL.path
        let currentPath = currentDirectory.standardizedFileURL.path
        if rootPath == currentPath { return "" }
        let base = currentPath.hasSuffix("/") ? currentPath : currentPath + "/"
        if rootPath.hasPrefix(base) { return String(rootPath.dropFirst(base.count)) + "/" }
        return rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
    }
}
