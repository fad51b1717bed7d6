import Foundation
import PylonAPI

/// `check --external-links`: every http(s) link of every page, checked over the network once
/// per address (`ExternalLinkChecker`), with results cached in
/// `.pylon-kb/cache/external-links.json` for `checks: external_links: cache_ttl`. Broken links
/// (404, 410), addresses that cannot be reached (DNS, refused connections), timeouts and
/// redirect loops are reported at every line that links to them, at the check's level.
extension ContentCheck.Result {
    /// This result with the external links' diagnostics added (strictness applied like the
    /// rest). `now` is when the cache is read and written.
    public func checkingExternalLinks(transport: any HTTPTransport, now: Date = Date()) async
        -> ContentCheck.Result
    {
        let checks = tree.configuration.checks
        guard checks.level(of: .externalLinks) != .off else { return self }
        var locations: [String: [(path: String, line: Int)]] = [:]
        for page in report.pages {
            for link in page.rendered.facts.links
            where ExternalLinkChecker.requestURL(link.destination) != nil {
                locations[link.destination, default: []].append((page.path, link.line))
            }
        }
        var cache = ExternalLinkCache.load(root: tree.root)
        var results: [String: ExternalLinkResult] = [:]
        var unchecked: [String] = []
        for address in locations.keys {
            if let cached = cache.fresh(address, now: now, ttl: checks.externalLinks.cacheTTL) {
                results[address] = cached
            } else {
                unchecked.append(address)
            }
        }
        if !unchecked.isEmpty {
            let checker = ExternalLinkChecker(transport: transport, settings: checks.externalLinks)
            let fresh = await checker.check(unchecked)
            if let offline = Self.offlineDiagnostic(fresh, checks: checks) {
                // Nothing is cached: the next run, online, checks everything.
                return adding([offline], checks: checks)
            }
            for (address, result) in fresh {
                results[address] = result
                if result.isCacheable {
                    cache.entries[address] = ExternalLinkCache.Entry(result: result, checkedAt: now)
                }
            }
            cache.save(root: tree.root)
        }
        var added: [Diagnostic] = []
        for (address, result) in results {
            guard let problem = Self.problem(address, result, settings: checks.externalLinks) else {
                continue
            }
            for location in locations[address] ?? [] {
                if let diagnostic = checks.diagnostic(
                    .externalLinks, location.path, line: location.line, problem)
                {
                    added.append(diagnostic)
                }
            }
        }
        return adding(added, checks: checks)
    }

    private func adding(_ added: [Diagnostic], checks: CheckSettings) -> ContentCheck.Result {
        var checked = self
        checked.report.diagnostics = Array(
            Set(report.diagnostics + checks.applyingStrictness(to: added))
        ).sorted()
        return checked
    }

    /// One diagnostic instead of one per link when no host at all could be reached (several
    /// tried): the machine is offline or behind a proxy, and the links are not to blame.
    static func offlineDiagnostic(_ results: [String: ExternalLinkResult], checks: CheckSettings)
        -> Diagnostic?
    {
        let hosts = Set(results.keys.compactMap { ExternalLinkChecker.requestURL($0)?.host?.lowercased() })
        guard hosts.count >= 3, results.values.allSatisfy({ !$0.isCacheable }) else { return nil }
        return checks.diagnostic(
            .externalLinks, Configuration.fileName, line: nil,
            "None of the \(results.count) external links could be reached (\(hosts.count) hosts, no answer from any): this machine looks offline or needs a proxy, so they were not reported one by one nor cached; run `check --external-links` again with network access."
        )
    }

    /// The sentence for a link that does not work; nil for one that does.
    static func problem(_ address: String, _ result: ExternalLinkResult, settings: ExternalLinkSettings)
        -> String?
    {
        switch result.kind {
        case .reachable:
            return nil
        case .gone:
            let status =
                result.status.map { "HTTP \($0)\($0 == 410 ? " (Gone)" : " (Not Found)")" } ?? "not found"
            return
                "The link `\(address)` is broken: the server answers \(status); fix the address or remove the link."
        case .unreachable:
            return
                "The link `\(address)` could not be reached (\(result.detail ?? "no connection")); check the address (a host name that does not resolve is a typo or a site that is gone)."
        case .timedOut:
            return
                "The link `\(address)` did not answer within \(Self.seconds(settings.timeout)); check that the site is up, or raise `checks: external_links: timeout`."
        case .tooManyRedirects:
            return
                "The link `\(address)` redirects more than \(settings.maximumRedirects) times; link to the address it should end up at."
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let value = duration.inSeconds
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
