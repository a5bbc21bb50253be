import Bot
import Discord
import Store

/// The hashes of the members seen lately: the same few hundred people write most messages, and an
/// HMAC per message was a twentieth of the gateway's work in a burst. Bounded: emptied when full.
struct AuthorHashCache: Sendable {
    private var hashes: [Snowflake: String] = [:]
    let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    mutating func hash(_ author: Snowflake, with hasher: AuthorHasher) -> String {
        if let known = hashes[author] { return known }
        if hashes.count >= capacity { hashes.removeAll(keepingCapacity: true) }
        let hash = hasher.hash(author.description)
        hashes[author] = hash
        return hash
    }
}
