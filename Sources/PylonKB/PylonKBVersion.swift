/// The pylon-kb version, shown by `pylon-kb --version`. The one place it is written.
public enum PylonKBVersion {
    public static let current = "0.1.0"
    /// Sent as `User-Agent` on every HTTP request pylon-kb makes (API calls, image downloads),
    /// so a server's operators can tell its traffic apart.
    public static var userAgent: String { "pylon-kb/\(current)" }
}
