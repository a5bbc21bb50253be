import Bot
import Daemon
import Discord
import Foundation
import Store
import Testing

/// Which Discord messages become data, and how.
@Suite struct MessageIntakeTests {
    let hasher = AuthorHasher(key: Data("test-key".utf8))
    let channel = Snowflake(rawValue: 1_000_000_000_000_000_002)
    let guild = Snowflake(rawValue: 1_000_000_000_000_000_001)
    let botUser = Snowflake(rawValue: 1_100_000_000_000_000_001)

    func message(author: DiscordUser?, content: String? = "got the OA from JPMC", type: Int = 0, channel: Snowflake? = nil)
        -> DiscordMessage
    {
        var message = DiscordMessage(
            id: Snowflake(unixMilliseconds: 1_795_000_000_000), channelID: channel ?? self.channel, guildID: guild, author: author,
            content: content)
        message.type = type
        return message
    }

    func member(_ id: UInt64 = 7, isBot: Bool = false) -> DiscordUser {
        DiscordUser(id: Snowflake(rawValue: id), username: "member", isBot: isBot)
    }

    @Test func aMembersMessageIsStoredWithItsAuthorHashedAndItsTimeFromTheID() throws {
        let intake = MessageIntake(configuredChannels: [], hasher: hasher)
        guard case .store(let incoming) = intake.decide(message(author: member()), botUserID: botUser, source: .gateway) else {
            Issue.record("not stored")
            return
        }
        #expect(incoming.authorHash == hasher.hash("7"))
        #expect(incoming.createdAt == 1_795_000_000_000)
        #expect(incoming.channelID == Int64(channel.rawValue))
        #expect(incoming.guildID == Int64(guild.rawValue))
        #expect(incoming.source == .gateway)
    }

    @Test func botsSystemMessagesEmptyTextAndUnwatchedChannelsAreIgnored() {
        let intake = MessageIntake(configuredChannels: [channel], hasher: hasher)
        let ignored: [DiscordMessage] = [
            message(author: member(isBot: true)),
            message(author: member(botUser.rawValue)),
            message(author: member(), type: 7), // a member joined
            message(author: member(), content: "  \n"),
            message(author: member(), content: nil), // a partial update
            message(author: nil),
            message(author: member(), channel: Snowflake(rawValue: 99)),
        ]
        for candidate in ignored {
            guard case .ignore = intake.decide(candidate, botUserID: botUser, source: .gateway) else {
                Issue.record("stored \(candidate)")
                continue
            }
        }
        #expect(intake.watches(channel))
        #expect(!intake.watches(Snowflake(rawValue: 99)))
        #expect(MessageIntake(configuredChannels: [], hasher: hasher).watches(Snowflake(rawValue: 99)))
        // A thread is watched with its channel.
        #expect(intake.watches(Snowflake(rawValue: 99), parent: channel))
        #expect(!intake.watches(Snowflake(rawValue: 99), parent: Snowflake(rawValue: 98)))
    }
}
