/// Whether one feed is serving jobs, judged from its polls and the clock, and what the admins must
/// be told about it. A state machine with no I/O and no clock of its own: each poll's outcome and
/// each tick come in with their time, and the report to make (if any) comes out, once.
///
/// A poll is unhealthy when it failed (a transport failure, an error status, a body that is not a
/// feed) or when most of the items read were skipped: more than half of them, at least one — a
/// format or schema drift that leaves a feed "polled" with nothing in it. A 304 repeats the
/// verdict on the body last read. A feed that has been unhealthy for `alertAfter` is reported
/// down once; the first healthy poll after that is reported as its recovery. A feed that gets
/// better before it was reported says nothing.
///
/// The check runs on every poll and on every tick: a failing feed backs off (up to hours between
/// polls), and must still be reported `alertAfter` after it started failing.
///
/// Times are Unix milliseconds; saved as `SavedTimes` describes, so a health saved before they
/// were still loads.
public struct FeedHealth: Sendable, Codable, Hashable {
    /// What one poll came to, as far as health goes.
    public enum Poll: Sendable, Hashable {
        /// A 304: the body last read is still what the feed serves.
        case notModified
        /// A body was read: `items` usable, `skipped` not, the first of them with why.
        case fetched(items: Int, skipped: Int, firstProblem: String?)
        case failed(reason: String)
    }

    public enum Condition: Sendable, Codable, Hashable {
        /// Not polled yet.
        case unknown
        case healthy
        /// Unhealthy from the poll at `since` on; `reason` is the latest poll's; `reported` once
        /// the admins were told.
        case unhealthy(since: Int64, reason: String, reported: Bool)
    }

    /// What to tell the admins.
    public enum Action: Sendable, Hashable {
        case reportDown(since: Int64, reason: String)
        case reportRecovered(downSince: Int64)
    }

    public private(set) var condition: Condition
    public private(set) var lastPollAt: Int64?
    /// The last healthy poll.
    public private(set) var lastSuccessAt: Int64?
    /// Items read and skipped by the last poll that read a body.
    public private(set) var lastItems: Int?
    public private(set) var lastSkipped: Int?
    /// The verdict on the body last read, nil when it was fine: what a 304 repeats.
    private var contentProblem: String?

    public init() {
        condition = .unknown
    }

    public var isHealthy: Bool {
        if case .unhealthy = condition { return false }
        return true
    }

    /// "12 of 20 items skipped (item 3: no title)" when most of a body's items were skipped; nil
    /// when the body is fine. An empty feed is fine: a small board may have no openings.
    public static func contentProblem(items: Int, skipped: Int, firstProblem: String?) -> String? {
        guard skipped > 0, skipped * 2 > items + skipped else { return nil }
        let example = firstProblem.map { " (\($0))" } ?? ""
        return "\(skipped) of \(items + skipped) items skipped\(example)"
    }

    /// Takes one poll's outcome, made at `now`.
    public mutating func record(_ poll: Poll, at now: Int64, alertAfter: Duration) -> Action? {
        lastPollAt = now
        let problem: String?
        switch poll {
        case .notModified:
            problem = contentProblem
        case .fetched(let items, let skipped, let firstProblem):
            lastItems = items
            lastSkipped = skipped
            contentProblem = Self.contentProblem(items: items, skipped: skipped, firstProblem: firstProblem)
            problem = contentProblem
        case .failed(let reason):
            problem = reason
        }
        guard let problem else {
            lastSuccessAt = now
            let previous = condition
            condition = .healthy
            if case .unhealthy(let since, _, reported: true) = previous { return .reportRecovered(downSince: since) }
            return nil
        }
        switch condition {
        case .unhealthy(let since, _, let reported):
            condition = .unhealthy(since: since, reason: problem, reported: reported)
        case .unknown, .healthy:
            condition = .unhealthy(since: now, reason: problem, reported: false)
        }
        return evaluate(at: now, alertAfter: alertAfter)
    }

    /// The clock's check: a feed unhealthy for `alertAfter` and not yet reported is reported now.
    public mutating func evaluate(at now: Int64, alertAfter: Duration) -> Action? {
        guard case .unhealthy(let since, let reason, reported: false) = condition, .milliseconds(now - since) >= alertAfter else {
            return nil
        }
        condition = .unhealthy(since: since, reason: reason, reported: true)
        return .reportDown(since: since, reason: reason)
    }

    // MARK: Saved

    private enum CodingKeys: String, CodingKey {
        case times, condition, lastPollAt, lastSuccessAt, lastItems, lastSkipped, contentProblem
    }

    /// `Condition` as it was saved with `since` in seconds since 2001-01-01: the same shape.
    private enum LegacyCondition: Decodable {
        case unknown
        case healthy
        case unhealthy(since: Double, reason: String, reported: Bool)

        var condition: Condition {
            switch self {
            case .unknown: .unknown
            case .healthy: .healthy
            case .unhealthy(let since, let reason, let reported):
                .unhealthy(since: SavedTimes.milliseconds(sinceReferenceDate: since), reason: reason, reported: reported)
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let legacy = try SavedTimes.isLegacy(container, key: .times)
        condition =
            legacy
            ? try container.decode(LegacyCondition.self, forKey: .condition).condition
            : try container.decode(Condition.self, forKey: .condition)
        lastPollAt = try container.decodeInstant(forKey: .lastPollAt, legacy: legacy)
        lastSuccessAt = try container.decodeInstant(forKey: .lastSuccessAt, legacy: legacy)
        lastItems = try container.decodeIfPresent(Int.self, forKey: .lastItems)
        lastSkipped = try container.decodeIfPresent(Int.self, forKey: .lastSkipped)
        contentProblem = try container.decodeIfPresent(String.self, forKey: .contentProblem)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SavedTimes.marker, forKey: .times)
        try container.encode(condition, forKey: .condition)
        try container.encodeIfPresent(lastPollAt, forKey: .lastPollAt)
        try container.encodeIfPresent(lastSuccessAt, forKey: .lastSuccessAt)
        try container.encodeIfPresent(lastItems, forKey: .lastItems)
        try container.encodeIfPresent(lastSkipped, forKey: .lastSkipped)
        try container.encodeIfPresent(contentProblem, forKey: .contentProblem)
    }
}
