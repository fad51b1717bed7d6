import Foundation

/// Links to files that are not articles (a PDF, a zip, an attachment). A link with a full
/// address is kept: it works wherever the file is read. A root-relative one (`/files/x.pdf`)
/// becomes absolute on the help center's address when the export knows it, so it keeps
/// pointing at the file. A relative one (`files/x.pdf`) pointed at nothing in Pylon already (Pylon
/// hosts articles and images only); it is kept as written, so the article publishes unchanged,
/// and reported, because the exported folder has no such file and `check` will say so.
extension ExportRun {
    /// The href to write for a link that is not to an article, or nil to keep it as it is.
    static func fileLinkDestination(_ href: String, siteURL: String?) -> String? {
        guard case .local(let path, _, _) = URLPolicy.classify(href), path.hasPrefix("/"),
            let origin = siteURL.flatMap(Self.origin(of:))
        else { return nil }
        return origin + href
    }

    /// `https://help.example.com` of `https://help.example.com/docs`.
    static func origin(of siteURL: String) -> String? {
        guard let components = URLComponents(string: siteURL), let scheme = components.scheme,
            ["http", "https"].contains(scheme.lowercased()), let host = components.host, !host.isEmpty
        else { return nil }
        return scheme + "://" + host + (components.port.map { ":\($0)" } ?? "")
    }

    /// One warning per link in `html` that the export can only keep as a path to nothing.
    mutating func noteDanglingFileLinks(
        in html: String, links: ExportLinks, filePath: String, siteURL: String?
    ) {
        var seen: Set<String> = []
        for href in ExportLinks.hrefs(in: html) where seen.insert(href).inserted {
            guard links.match(href) == nil, case .local(let path, _, _) = URLPolicy.classify(href),
                Self.fileLinkDestination(href, siteURL: siteURL) == nil
            else { continue }
            // A file the export writes there (a downloaded image linked as a file) is no dangling path.
            if let resolved = ContentPath.resolve(path, fromFile: filePath),
                files.contains(where: { $0.path == resolved })
            {
                continue
            }
            report.warnings.append(
                "\(filePath): the link `\(href)` is not to an article of this knowledge base and has no full address, so it points at nothing in Pylon and in the export; put the file it means at that path, or replace the link with the file's full URL."
            )
        }
    }
}
