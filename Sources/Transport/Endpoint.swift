import Foundation

/// Where a URL points, as a failure may name it: the host and port only. A URL's user info, path
/// and query can hold secrets (API keys, interaction tokens), so text about a request that
/// failed names this instead of the URL.
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// Lowercased; an IPv6 address keeps its brackets.
    public var host: String
    /// As the URL gives it, or its scheme's default.
    public var port: Int
    /// Whether the URL spelled the port out.
    public var hasExplicitPort: Bool

    /// Nil unless `url` is an absolute http(s) or ws(s) URL with a host.
    public init?(url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let defaultPort: Int
        switch url[..<schemeEnd.lowerBound].lowercased() {
        case "http", "ws": defaultPort = 80
        case "https", "wss": defaultPort = 443
        default: return nil
        }
        var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return nil }
        self.host = host.lowercased()
        if let portText, !portText.isEmpty {
            guard let port = Int(portText), (0...65535).contains(port) else { return nil }
            self.port = port
            hasExplicitPort = true
        } else {
            port = defaultPort
            hasExplicitPort = false
        }
    }

    /// `example.com:443`, `127.0.0.1:8080`, `[::1]:8080`.
    public var description: String { "\(host):\(port)" }

    /// `example.com`, `127.0.0.1:8080`: the port only when the URL gave one.
    public var asWritten: String { hasExplicitPort ? description : host }
}
