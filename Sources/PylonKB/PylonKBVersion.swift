/// The pylon-kb version, shown by `pylon-kb --version`. The one place it is written.
public enum PylonKBVersion {
    public static let current = "0.1.0"
}
