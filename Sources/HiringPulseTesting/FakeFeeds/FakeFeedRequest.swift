/// One request `FakeFeedServer` received, with the headers a conditional GET is judged by.
public struct FakeFeedRequest: Sendable {
    /// Without the leading slash, as `FakeFeeds.set(path:…)` takes it.
    public var path: String
    public var query: String?
    public var ifNoneMatch: String?
    public var ifModifiedSince: String?
    public var userAgent: String?
    public var accept: String?
    /// What the fake answered.
    public var status: Int
    public var at: ContinuousClock.Instant
}
