import Store

extension FeedHealth {
    /// What `alerts status` says of a feed (nil: never polled): "healthy, last success
    /// 2026-05-01 14:03 UTC (2 min ago); last body: 97 items, 0 skipped", or "failing since …"
    /// with a second line giving why.
    public static func statusText(_ health: FeedHealth?, now: Int64) -> String {
        guard let health, health.condition != .unknown else { return "not polled yet" }
        var parts: [String] = []
        var why: String?
        switch health.condition {
        case .unknown, .healthy:
            parts.append("healthy")
        case .unhealthy(let since, let reason, let reported):
            parts.append(
                "failing since \(time(since)) (\(SourceHealthMessage.elapsed(from: since, to: now)))"
                    + (reported ? ", reported to the admins" : ", not reported yet"))
            why = reason
        }
        parts[0] +=
            ", last success "
            + (health.lastSuccessAt.map { "\(time($0)) (\(SourceHealthMessage.elapsed(from: $0, to: now)) ago)" } ?? "never")
        if let items = health.lastItems, let skipped = health.lastSkipped { parts.append("last body: \(items) items, \(skipped) skipped") }
        return parts.joined(separator: "; ") + (why.map { "\n    why: \($0)" } ?? "")
    }

    /// "2026-05-01 14:03 UTC".
    private static func time(_ milliseconds: Int64) -> String {
        let text = Timestamp.iso8601(milliseconds)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }
}
