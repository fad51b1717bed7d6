/// Slugs a dialect folder derives from file names, made unique the way a reader would expect.
extension ContentLoader {
    /// Pylon's slugs are one namespace for the whole knowledge base, but a docs site's pages
    /// are addressed by their whole path: `cli/global/add.md` and `cli/add.md` are both "add".
    /// A slug derived from a file name that another page also has is prefixed with its
    /// folders' names (`global-add`) until it is unique. Slugs written in front matter are
    /// never changed: two of those that collide stay an error.
    static func disambiguateDerivedSlugs(_ articles: inout [Article], tallies: inout [Tally]) {
        var count: [String: Int] = [:]
        for article in articles { count[article.slug, default: 0] += 1 }
        var taken = Set(articles.map(\.slug))
        // The deepest pages give way first: the shallowest keeps the plain name.
        let order = articles.indices.sorted {
            let depths = (articles[$0].path.count { $0 == "/" }, articles[$1].path.count { $0 == "/" })
            return depths.0 != depths.1 ? depths.0 > depths.1 : articles[$0].path < articles[$1].path
        }
        for index in order {
            let article = articles[index]
            guard count[article.slug, default: 0] > 1, article.frontMatter.slug == nil else { continue }
            let folders = ContentPath.directory(of: article.path).split(separator: "/").map {
                $0.lowercased().replacing("_", with: "-")
            }
            var candidate = article.slug
            for folder in folders.reversed() {
                candidate = "\(folder)-\(candidate)"
                if !taken.contains(candidate), Slug.problem(with: candidate) == nil { break }
            }
            guard !taken.contains(candidate), Slug.problem(with: candidate) == nil else { continue }
            taken.insert(candidate)
            count[article.slug, default: 0] -= 1
            tallies.append(
                Tally(
                    key: "derived slug collision",
                    message:
                        "Several pages have the same file name, and slugs must be unique in a knowledge base, so pages like this one take their folders' names into the slug (here \"\(candidate)\" instead of \"\(article.slug)\"); set `slug:` to choose another.",
                    path: article.path, line: 1))
            articles[index].slug = candidate
        }
    }
}
