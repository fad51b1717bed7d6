/// Settings for `Renderer`. The defaults are what Pylon accepts.
public struct RenderOptions: Sendable, Hashable {
    /// Hosts (and their subdomains) whose `https` iframes are kept: Pylon shows video embeds.
    public var allowedIframeHosts: [String]
    /// The heading above footnotes (translations may want their own word).
    public var footnotesHeading: String

    public static let defaultIframeHosts = [
        "youtube.com", "youtube-nocookie.com", "player.vimeo.com", "loom.com", "fast.wistia.net",
    ]

    public init(allowedIframeHosts: [String] = defaultIframeHosts, footnotesHeading: String = "Footnotes") {
        self.allowedIframeHosts = allowedIframeHosts
        self.footnotesHeading = footnotesHeading
    }
}
