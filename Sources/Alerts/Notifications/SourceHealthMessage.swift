public import JSON
import Support

/// What the admins are told about a feed's health, as plain text ("Feed remoteok has been failing
/// for 17 min: HTTP 503 from feed host remoteok.com"), and that text as each service takes it.
public enum SourceHealthMessage {
    public static func text(_ action: FeedHealth.Action, feed: String, at now: Int64) -> String {
        switch action {
        case .reportDown(let since, let reason):
            "Feed \(feed) has been failing for \(elapsed(from: since, to: now)): \(reason.clipped(to: 1_000))"
        case .reportRecovered(let downSince):
            "Feed \(feed) recovered after \(elapsed(from: downSince, to: now))"
        }
    }

    /// "40 s", "17 min", "3 h 5 min", "2 days 4 h": as long as it has been, to the unit that matters.
    /// Between two Unix-millisecond times.
    public static func elapsed(from start: Int64, to end: Int64) -> String {
        elapsed(.milliseconds(end - start))
    }

    public static func elapsed(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3_600: return "\(seconds / 60) min"
        case ..<172_800:
            let minutes = seconds / 60 % 60
            return "\(seconds / 3_600) h" + (minutes > 0 ? " \(minutes) min" : "")
        default:
            let hours = seconds / 3_600 % 24
            return "\(seconds / 86_400) days" + (hours > 0 ? " \(hours) h" : "")
        }
    }

    /// Telegram `sendMessage` text in HTML parse mode.
    public static func telegramHTML(_ text: String) -> String {
        TelegramMessage.escape(text.clipped(to: TelegramMessage.maximumLength / 2))
    }

    /// A Slack incoming-webhook payload: the text alone, escaped for mrkdwn.
    public static func slackPayload(_ text: String) -> JSONValue {
        .object([("text", .string(SlackMessage.escape(text.clipped(to: 3_000))))])
    }
}
