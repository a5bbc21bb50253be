import Discord
import JSON
import Testing

/// Typed events from payloads shaped like Discord's own (v10), with the many fields the bot does not
/// read, and with fields missing.
@Suite struct GatewayEventTests {
    static func event(_ type: String, _ json: String) throws -> GatewayEvent {
        try GatewayEvent(frame: GatewayFrame(opcode: 0, data: try JSONParser.parse(json), sequence: 3, type: type))
    }

    static let messageCreate = """
        {"type":0,"tts":false,"timestamp":"2026-09-01T14:03:21.456000+00:00","referenced_message":null,"pinned":false,
         "nonce":"1279999999999999999","mentions":[],"mention_roles":[],"mention_everyone":false,
         "member":{"roles":[],"premium_since":null,"pending":false,"nick":null,"mute":false,"joined_at":"2025-01-01T00:00:00+00:00","flags":0,"deaf":false,"communication_disabled_until":null,"avatar":null},
         "id":"1280000000000000001","flags":0,"embeds":[],"edited_timestamp":null,"content":"got the OA from JPMC 🎉",
         "components":[],"channel_id":"1100000000000000002","author":{"username":"quantgrind","public_flags":0,"id":"182736450918273645","global_name":"Quant Grind","discriminator":"0","clan":null,"avatar_decoration_data":null,"avatar":"a_1234"},
         "attachments":[],"guild_id":"1100000000000000001","some_future_field":{"nested":[1,2,3]}}
        """

    @Test func messageCreateKeepsWhatTheBotUsesAndIgnoresTheRest() throws {
        guard case .messageCreate(let message) = try Self.event("MESSAGE_CREATE", Self.messageCreate) else {
            Issue.record("not a message")
            return
        }
        #expect(message.id == Snowflake("1280000000000000001"))
        #expect(message.channelID == Snowflake("1100000000000000002"))
        #expect(message.guildID == Snowflake("1100000000000000001"))
        #expect(message.content == "got the OA from JPMC 🎉")
        #expect(message.author?.username == "quantgrind" && message.author?.isBot == false)
        #expect(message.timestamp == "2026-09-01T14:03:21.456000+00:00")
        #expect(message.editedTimestamp == nil)
        #expect(message.isFromPerson)
    }

    @Test func botsWebhooksAndSystemMessagesAreNotPeople() throws {
        let bot = try DiscordMessage(
            json: JSONParser.parse(#"{"id":"1","channel_id":"2","type":0,"author":{"id":"3","username":"b","bot":true}}"#))
        let webhook = try DiscordMessage(
            json: JSONParser.parse(#"{"id":"1","channel_id":"2","type":0,"webhook_id":"9","author":{"id":"3","username":"w"}}"#))
        let join = try DiscordMessage(json: JSONParser.parse(#"{"id":"1","channel_id":"2","type":7,"author":{"id":"3","username":"n"}}"#))
        let reply = try DiscordMessage(json: JSONParser.parse(#"{"id":"1","channel_id":"2","type":19,"author":{"id":"3","username":"n"}}"#))
        #expect(!bot.isFromPerson && !webhook.isFromPerson && !join.isFromPerson && reply.isFromPerson)
    }

    @Test func aPartialMessageUpdateDecodes() throws {
        let event = try Self.event(
            "MESSAGE_UPDATE",
            #"{"id":"5","channel_id":"6","guild_id":"7","content":"edited","edited_timestamp":"2026-09-02T10:00:00+00:00"}"#)
        guard case .messageUpdate(let message) = event else {
            Issue.record("not an update")
            return
        }
        #expect(message.content == "edited" && message.author == nil && message.editedTimestamp != nil)
    }

    @Test func deletesDecode() throws {
        guard case .messageDelete(let delete) = try Self.event("MESSAGE_DELETE", #"{"id":"5","channel_id":"6","guild_id":"7"}"#) else {
            Issue.record("not a delete")
            return
        }
        #expect(delete.id == Snowflake("5") && delete.channelID == Snowflake("6") && delete.guildID == Snowflake("7"))
        guard case .messageDeleteBulk(let bulk) = try Self.event("MESSAGE_DELETE_BULK", #"{"ids":["5","6","x"],"channel_id":"6"}"#) else {
            Issue.record("not a bulk delete")
            return
        }
        #expect(bulk.ids == [Snowflake("5")!, Snowflake("6")!])
        #expect(bulk.guildID == nil)
    }

    @Test func readyDecodes() throws {
        let json = """
            {"v":10,"user_settings":{},"user":{"verified":true,"username":"HiringPulse","mfa_enabled":false,"id":"1000000000000000009","global_name":null,"flags":0,"email":null,"discriminator":"0","bot":true,"avatar":null},
             "session_type":"normal","session_id":"9a8b7c","resume_gateway_url":"wss://gateway-us-east1-b.discord.gg",
             "relationships":[],"private_channels":[],"presences":[],"guilds":[{"unavailable":true,"id":"1100000000000000001"},{"unavailable":true,"id":"1100000000000000003"}],
             "guild_join_requests":[],"geo_ordered_rtc_regions":["us-east"],"auth":{},"application":{"id":"1000000000000000009","flags":565248},"_trace":["[\\"gateway-prd\\"]"],"shard":[0,1]}
            """
        guard case .ready(let ready) = try Self.event("READY", json) else {
            Issue.record("not READY")
            return
        }
        #expect(ready.sessionID == "9a8b7c")
        #expect(ready.resumeGatewayURL == "wss://gateway-us-east1-b.discord.gg")
        #expect(ready.user.isBot)
        #expect(ready.guildIDs.count == 2)
        #expect(ready.applicationID == Snowflake("1000000000000000009"))
    }

    @Test func guildCreateKeepsItsChannels() throws {
        let json = """
            {"id":"1100000000000000001","name":"CS Recruiting Hub","member_count":5120,"large":true,"voice_states":[],"threads":[],
             "channels":[{"id":"11","name":"interview-updates","type":0,"position":1,"topic":null,"nsfw":false,"permission_overwrites":[]},
                         {"id":"12","name":"Voice","type":2,"bitrate":64000},{"id":"13","name":"announcements","type":5},
                         {"name":"broken channel without id","type":0}],
             "roles":[],"emojis":[],"stickers":[]}
            """
        guard case .guildCreate(let guild) = try Self.event("GUILD_CREATE", json) else {
            Issue.record("not a guild")
            return
        }
        #expect(guild.name == "CS Recruiting Hub")
        #expect(guild.channels.map(\.id) == [Snowflake("11")!, Snowflake("12")!, Snowflake("13")!])
        #expect(guild.channels.filter(\.isText).count == 2)
    }

    @Test func interactionCreateDecodesAndHidesItsToken() throws {
        let json = """
            {"version":1,"type":2,"token":"aW50ZXJhY3Rpb24tdG9rZW4","member":{"user":{"id":"182736450918273645","username":"quantgrind","global_name":"Quant Grind"},"roles":[],"permissions":"2248473465835073","nick":null},
             "locale":"en-US","id":"1280000000000000100","guild_locale":"en-US","guild_id":"1100000000000000001","entitlements":[],
             "data":{"type":1,"name":"stats","id":"1270000000000000001","options":[{"type":3,"name":"company","value":"jpmc"}]},
             "channel_id":"1100000000000000002","channel":{"id":"1100000000000000002","type":0},"application_id":"1000000000000000009","app_permissions":"562949953421311","authorizing_integration_owners":{"0":"1100000000000000001"},"context":0}
            """
        guard case .interactionCreate(let interaction) = try Self.event("INTERACTION_CREATE", json) else {
            Issue.record("not an interaction")
            return
        }
        #expect(interaction.commandName == "stats")
        #expect(interaction.user?.username == "quantgrind")
        #expect(interaction.memberPermissions == "2248473465835073")
        #expect(interaction.data?["options"] != nil)
        #expect(!"\(interaction)".contains("aW50ZXJhY3Rpb24tdG9rZW4"))
    }

    @Test func otherEventsPassThroughRaw() throws {
        let event = try Self.event("TYPING_START", #"{"user_id":"1","channel_id":"2","timestamp":1700000000}"#)
        guard case .other(let type, let data) = event else {
            Issue.record("typed?")
            return
        }
        #expect(type == "TYPING_START" && data["user_id"] == .string("1"))
    }

    @Test(arguments: [
        ("MESSAGE_CREATE", #"{"channel_id":"2","content":"no id"}"#, "MESSAGE_CREATE (op 0, s=3): message has no valid \"id\""),
        ("MESSAGE_CREATE", #"[1, 2]"#, "MESSAGE_CREATE (op 0, s=3): message is not an object"),
        ("MESSAGE_DELETE", #"{"id":"not-a-number","channel_id":"2"}"#, "MESSAGE_DELETE (op 0, s=3): MESSAGE_DELETE has no valid \"id\""),
        ("READY", #"{"session_id":"x","resume_gateway_url":"wss://r"}"#, "READY (op 0, s=3): READY has no \"user\""),
        (
            "INTERACTION_CREATE", #"{"id":"1","application_id":"2","type":2}"#,
            "INTERACTION_CREATE (op 0, s=3): INTERACTION_CREATE has no string \"token\""
        ),
    ])
    func malformedPayloadsAreOneClearError(type: String, json: String, message: String) {
        #expect {
            try Self.event(type, json)
        } throws: { error in
            "\(error)" == message
        }
    }
}
