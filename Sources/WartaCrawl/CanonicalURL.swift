import Foundation

/// The form of an article URL a crawl remembers, so one page is fetched once however feeds spell its link: scheme
/// and host lower-cased, the default port and the fragment dropped, an empty path made `/`, and tracking
/// parameters (`utm_*`, `fbclid`, `gclid`, …) removed; other query parameters keep their order.
public enum CanonicalURL {
    /// Query parameters that only track a click, by exact name (lower-cased); every `utm_` parameter too.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga",
        "_gl", "ref_src", "ref_url", "cmpid", "twclid", "ttclid", "li_fat_id", "spm",
    ]

    /// The canonical form, or `nil` when `text` is not an absolute http(s) URL with a host.
    public static func of(_ text: String) -> String? {
        guard var components = URLComponents(string: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        components.fragment = nil
        if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
        if let items = components.percentEncodedQueryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        }
        return components.string
    }
}
