import Foundation
import Yams

/// The site parameters of a Hugo site (`params:` in its configuration), which pages read with
/// `{{< param name >}}` / `{{% param name %}}`: a repository address, a product name. Reading
/// them keeps a link like `<{{% param github_repo %}}/blob/main/x>` whole instead of publishing
/// `/blob/main/x`.
///
/// Read: `hugo.{yaml,yml,toml}` and `config.{yaml,yml,toml}` at the site folder, then the same
/// under `config/_default/`, and `config/_default/params.{yaml,yml,toml}` (whose top level is
/// the parameters). Later files win, as Hugo merges them. Only scalar values are kept, nested
/// tables by dotted name (`ui.sidebar_menu_compact`), which is how `param` names them. TOML is
/// read for what parameters use: `[params]` tables and `key = "string" | number | boolean`.
///
/// The configuration's own top-level values (`baseURL`, `title`) are kept too, as
/// `site.baseurl`: Docsy's `_param` shortcode falls back to them (`<{{% _param baseURL %}}/tags/x/>`).
enum SiteVariables {
    static func read(siteFolder: String, files: Set<String>, read: (String) -> String?) -> [String: String] {
        let prefix = siteFolder.isEmpty ? "" : siteFolder + "/"
        var parameters: [String: String] = [:]
        for folder in ["", "config/_default/"] {
            for name in ["config", "hugo"] {
                for ext in ["toml", "yaml", "yml"] {
                    let path = "\(prefix)\(folder)\(name).\(ext)"
                    guard files.contains(path), let text = read(path) else { continue }
                    parameters.merge(Self.parameters(in: text, toml: ext == "toml", topLevel: false)) { $1 }
                }
            }
        }
        for ext in ["toml", "yaml", "yml"] {
            let path = "\(prefix)config/_default/params.\(ext)"
            guard files.contains(path), let text = read(path) else { continue }
            parameters.merge(Self.parameters(in: text, toml: ext == "toml", topLevel: true)) { $1 }
        }
        return parameters
    }

    /// What a page of `dialect` can read from its site's configuration: Hugo's `params`
    /// (by name), Jekyll's `_config.yml` values (as `site.name`); nothing for the others.
    static func siteVariables(
        dialect: Dialect?, siteFolder: String, files: Set<String>, read: (String) -> String?
    ) -> [String: String] {
        switch dialect {
        case .hugo:
            return Self.read(siteFolder: siteFolder, files: files, read: read)
        case .jekyll:
            let path = siteFolder.isEmpty ? "_config.yml" : "\(siteFolder)/_config.yml"
            guard files.contains(path), let text = read(path) else { return [:] }
            var variables: [String: String] = [:]
            for (key, value) in parameters(in: text, toml: false, topLevel: true) {
                variables["site." + key] = value
            }
            return variables
        default:
            return [:]
        }
    }

    /// The scalar parameters of one configuration file; `topLevel`: the file is the params.
    static func parameters(in text: String, toml: Bool, topLevel: Bool) -> [String: String] {
        if toml { return tomlParameters(text, topLevel: topLevel) }
        guard let node = try? YAMLReader.parse(text, anchors: true) else { return [:] }
        let params = topLevel ? node : node["params"]
        var flat: [String: String] = [:]
        if let params { flatten(params, prefix: "", into: &flat) }
        if !topLevel, case .mapping(let mapping) = node {
            for (key, value) in mapping {
                if let name = key.string, case .scalar(let scalar) = value {
                    flat["site." + name.lowercased()] = scalar.string
                }
            }
        }
        return flat
    }

    private static func flatten(_ node: Node, prefix: String, into flat: inout [String: String]) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                flatten(value, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", into: &flat)
            }
        case .scalar(let scalar):
            if !prefix.isEmpty { flat[prefix.lowercased()] = scalar.string }
        default:
            break
        }
    }

    private static func tomlParameters(_ text: String, topLevel: Bool) -> [String: String] {
        var flat: [String: String] = [:]
        // Outside `[params]`, the keys before the first table are the site's own (`site.x`).
        var table: String? = topLevel ? "" : nil
        var atTop = !topLevel
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                atTop = false
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if topLevel {
                    table = name
                } else if name == "params" {
                    table = ""
                } else if name.hasPrefix("params.") {
                    table = String(name.dropFirst("params.".count))
                } else {
                    table = nil
                }
                continue
            }
            guard let table = atTop ? "site" : table, !line.hasPrefix("#"),
                let equals = line.firstIndex(of: "=")
            else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let quote = value.first, quote == "\"" || quote == "'" {
                guard let end = value.dropFirst().firstIndex(of: quote) else { continue }
                value = String(value[value.index(after: value.startIndex)..<end])
            } else {
                value = String(value.prefix { $0 != "#" }).trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty, !value.hasPrefix("["), !value.hasPrefix("{") else { continue }
            }
            flat[(table.isEmpty ? key : "\(table).\(key)").lowercased()] = value
        }
        return flat
    }
}
