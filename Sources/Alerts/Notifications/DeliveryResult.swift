/// How one attempt to deliver a notification ended.
public enum DeliveryResult: Sendable, Hashable {
    case sent
    /// The service is busy or failing: try again, after `after` when it said so.
    case retryLater(after: Duration?, reason: String)
    /// The destination refuses for good (chat not found, bot blocked, webhook revoked): retrying
    /// changes nothing, so the destination is marked and reported.
    case rejected(reason: String)
}
