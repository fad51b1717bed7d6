/// The stylesheet, script and page frame shared by the two local previews of a knowledge base:
/// the static site `pylon-kb render` writes and the pages `pylon-kb emulator` serves. They are
/// a module of their own (PylonPreview) so that both the toolchain and the emulator use one copy
/// while PylonHTML stays the small DOM it is.
public enum PreviewAssets {
    /// File names under the asset folder (`_preview/` in the static site, `/_preview/` on the
    /// emulator).
    public static let stylesheetName = "style.css"
    public static let scriptName = "preview.js"

    /// Scripts only from the preview's own files: article HTML is sanitized before it gets
    /// here, and this makes sure that even an inline script or event handler that slipped
    /// through would not run. Inline `style` attributes are allowed because Pylon articles may
    /// carry them; images and embedded videos may come from anywhere, as in Pylon.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:; "
        + "media-src *; frame-src https:; object-src 'none'; base-uri 'none'"
}
