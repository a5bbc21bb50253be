import Domain
import Extraction
import Support

/// One message to the admins about a source's health, bound for one destination, kept until the
/// service accepts it. A failed try waits 30 s, doubling to an hour (or what the service asked
/// for, spending no attempt), and is given up after `maximumAttempts`, about five hours on; a
/// destination that refuses for good gives it up at once. Pure: the time is passed in, in Unix
/// milliseconds; saved as `SavedTimes` describes, so a report queued before still loads.
public struct AdminReport: Sendable, Codable, Hashable {
    /// Names the event ("remoteok down 1714572180000"): the same event is never queued twice.
    public var id: String
    public var feed: String
    public var text: String
    /// A destination key, as the notification outbox writes it (`telegram:-100…`, `discord:…`).
    public var destination: String
    public var attempts: Int
    public var notBefore: Int64

    public static let maximumAttempts = 12
    public static let firstBackoff: Duration = .seconds(30)
    public static let maximumBackoff: Duration = .seconds(3_600)

    public init(id: String, feed: String, text: String, destination: String, queuedAt: Int64) {
        self.id = id
        self.feed = feed
        self.text = text
        self.destination = destination
        self.attempts = 0
        self.notBefore = queuedAt
    }

    /// Discord's `nonce` (at most 25 characters): a send repeated after a crash creates nothing.
    public var nonce: String {
        "hp-health-" + String(StableHash.fnv1a("\(id) \(destination)") % 1_000_000_000_000_000, radix: 36)
    }

    public func isDue(at now: Int64) -> Bool { now >= notBefore }

    /// A try that did not get through; false when the report is given up. A service that said
    /// how long to wait (a 429's retry_after) is waited for as told, and spends no attempt.
    public mutating func failed(at now: Int64, retryAfter: Duration?) -> Bool {
        if let retryAfter {
            notBefore = now + max(.zero, retryAfter).roundedMilliseconds
            return true
        }
        attempts += 1
        guard attempts < Self.maximumAttempts else { return false }
        notBefore = now + min(Self.maximumBackoff, Self.firstBackoff * (1 << min(attempts - 1, 20))).roundedMilliseconds
        return true
    }

    // MARK: Saved

    private enum CodingKeys: String, CodingKey {
        case times, id, feed, text, destination, attempts, notBefore
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let legacy = try SavedTimes.isLegacy(container, key: .times)
        id = try container.decode(String.self, forKey: .id)
        feed = try container.decode(String.self, forKey: .feed)
        text = try container.decode(String.self, forKey: .text)
        destination = try container.decode(String.self, forKey: .destination)
        attempts = try container.decode(Int.self, forKey: .attempts)
        guard let notBefore = try container.decodeInstant(forKey: .notBefore, legacy: legacy) else {
            throw DecodingError.keyNotFound(
                CodingKeys.notBefore, .init(codingPath: container.codingPath, debugDescription: "a report without notBefore"))
        }
        self.notBefore = notBefore
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SavedTimes.marker, forKey: .times)
        try container.encode(id, forKey: .id)
        try container.encode(feed, forKey: .feed)
        try container.encode(text, forKey: .text)
        try container.encode(destination, forKey: .destination)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(notBefore, forKey: .notBefore)
    }
}
