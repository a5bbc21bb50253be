import Alerts
import Support

/// The poller's bookkeeping, apart from I/O: the offset that confirms what was handled, and how
/// long to wait after a failed poll and what to say about it. A lasting problem (a webhook, a
/// refused token, another instance) is said once until a poll succeeds again; passing ones each
/// time.
struct TelegramPollSchedule: Sendable, Equatable {
    static let firstWait: Duration = .seconds(1)
    static let longestWait: Duration = .seconds(60)

    /// The next poll's offset: the last update handled plus one. Nil until one is handled.
    private(set) var offset: Int64?
    /// The offset Telegram was last sent: it has dropped everything before it.
    private(set) var confirmedOffset: Int64?
    private var failuresInARow = 0
    private var reported: Problem?

    enum Problem: Sendable, Equatable {
        case webhook, token, otherInstance
    }

    struct Retry: Sendable, Equatable {
        var wait: Duration
        /// One line for the log, as an error or a warning; nil when already said.
        var error: String?
        var warning: String?
    }

    /// Handled and confirmed everything before `offset`.
    var hasUnconfirmed: Bool { offset != confirmedOffset }

    /// A poll with `offset` came back: Telegram dropped what it confirmed; of what it returned,
    /// the updates not handled yet (a repeat of an earlier id is not handled twice).
    mutating func polled(_ updates: [TelegramUpdate]) -> [TelegramUpdate] {
        confirmedOffset = offset
        failuresInARow = 0
        reported = nil
        return updates.filter { update in offset.map { update.updateID >= $0 } ?? true }
    }

    /// `update` was handled: the next poll confirms it.
    mutating func handled(_ update: TelegramUpdate) {
        offset = max(offset ?? .min, update.updateID + 1)
    }

    mutating func failed(_ error: TelegramUpdatesError) -> Retry {
        failuresInARow += 1
        let backoff = min(Self.firstWait * (1 << min(failuresInARow - 1, 10)), Self.longestWait)
        switch error {
        case .rateLimited(let after, _):
            let wait = max(after, .zero)
            return Retry(wait: wait, warning: "Telegram rate-limited getUpdates; next poll in \(wait.shortText)")
        case .webhookActive(let description):
            return once(
                .webhook, wait: Self.longestWait,
                "a webhook is set for this bot; getUpdates cannot run, so feedback buttons are not read, until it is deleted "
                    + "(deleteWebhook); retrying every \(Self.longestWait.shortText) (Telegram: \(description))")
        case .tokenRefused:
            return once(
                .token, wait: Self.longestWait,
                "\(error); feedback buttons are not read until the token is fixed; retrying every \(Self.longestWait.shortText)")
        case .conflict(let description):
            return once(
                .otherInstance, wait: backoff,
                "another instance of the bot is reading its Telegram updates; only one may (Telegram: \(description)); retrying")
        case .failed(let reason):
            return Retry(wait: backoff, warning: "Telegram getUpdates failed: \(reason); next poll in \(backoff.shortText)")
        }
    }

    private mutating func once(_ problem: Problem, wait: Duration, _ message: String) -> Retry {
        defer { reported = problem }
        return Retry(wait: wait, error: reported == problem ? nil : message)
    }
}
