import Domain
import Extraction
public import Foundation

/// One message to the admins about a source's health, bound for one destination, kept until the
/// service accepts it. A failed try waits 30 s, doubling to an hour (or what the service asked
/// for, spending no attempt), and is given up after `maximumAttempts`, about five hours on; a
/// destination that refuses for good gives it up at once. Pure: the time is passed in.
public struct AdminReport: Sendable, Codable, Hashable {
    /// Names the event ("remoteok down 1714572180000"): the same event is never queued twice.
    public var id: String
    public var feed: String
    public var text: String
    /// A destination key, as the notification outbox writes it (`telegram:-100…`, `discord:…`).
    public var destination: String
    public var attempts: Int
    public var notBefore: Date

    public static let maximumAttempts = 12
    public static let firstBackoff: TimeInterval = 30
    public static let maximumBackoff: TimeInterval = 3_600

    public init(id: String, feed: String, text: String, destination: String, queuedAt: Date) {
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

    public func isDue(at now: Date) -> Bool { now >= notBefore }

    /// A try that did not get through; false when the report is given up. A service that said
    /// how long to wait (a 429's retry_after) is waited for as told, and spends no attempt.
    public mutating func failed(at now: Date, retryAfter: TimeInterval?) -> Bool {
        if let retryAfter {
            notBefore = now.addingTimeInterval(max(0, retryAfter))
            return true
        }
        attempts += 1
        guard attempts < Self.maximumAttempts else { return false }
        notBefore = now.addingTimeInterval(min(Self.maximumBackoff, Self.firstBackoff * Double(1 << min(attempts - 1, 20))))
        return true
    }
}
