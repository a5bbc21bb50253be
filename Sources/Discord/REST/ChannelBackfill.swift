/// The messages a channel received after `after`, oldest first, fetched 100 at a time with
/// `GET /channels/{id}/messages?after=` until caught up. Each page is asked for only when the
/// previous one has been consumed, so a slow consumer holds no more than one page.
public struct ChannelBackfill: AsyncSequence, Sendable {
    public typealias Element = DiscordMessage

    let client: DiscordRESTClient
    let channelID: Snowflake
    let after: Snowflake
    let pageSize: Int

    public init(client: DiscordRESTClient, channelID: Snowflake, after: Snowflake, pageSize: Int = 100) {
        self.client = client
        self.channelID = channelID
        self.after = after
        self.pageSize = Swift.min(Swift.max(pageSize, 1), 100)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(backfill: self, cursor: after)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let backfill: ChannelBackfill
        var cursor: Snowflake
        var page: [DiscordMessage] = []
        var index = 0
        var caughtUp = false

        public mutating func next() async throws -> DiscordMessage? {
            while index == page.count {
                guard !caughtUp else { return nil }
                let fetched = try await backfill.client.channelMessages(
                    channelID: backfill.channelID, after: cursor, limit: backfill.pageSize)
                // Discord answers newest first; only messages past the cursor count, whatever the order.
                page = fetched.filter { $0.id > cursor }.sorted { $0.id < $1.id }
                index = 0
                caughtUp = fetched.count < backfill.pageSize
                if let last = page.last { cursor = last.id } else { caughtUp = true }
            }
            defer { index += 1 }
            return page[index]
        }
    }
}

extension DiscordRESTClient {
    /// Pages through a channel from `after` (the last message id seen) to now, oldest first.
    public func backfill(channelID: Snowflake, after: Snowflake) -> ChannelBackfill {
        ChannelBackfill(client: self, channelID: channelID, after: after)
    }
}
