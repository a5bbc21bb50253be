public import JSON

/// The endpoints the bot uses (Discord: Resources, Interactions › Receiving and Responding).
/// Message bodies are typed (`MessagePayload`, `InteractionCallback`), so each keeps Discord's
/// limits; command definitions are the JSON of `Commands/`. Answers come back typed.
extension DiscordRESTClient {
    // MARK: - Gateway

    public func gatewayBot() async throws -> GatewayBotInfo {
        try GatewayBotInfo(json: try await required(DiscordRequest(.get, "/gateway/bot", route: "/gateway/bot")))
    }

    // MARK: - Messages

    public func createMessage(channelID: Snowflake, payload: MessagePayload, files: [DiscordFile] = []) async throws -> DiscordMessage {
        let request = DiscordRequest(
            .post, "/channels/\(channelID)/messages", route: "/channels/{channel.id}/messages", majorParameter: "\(channelID)",
            body: Self.body(payload.jsonValue, files)
        )
        return try DiscordMessage(json: try await required(request))
    }

    public func editMessage(channelID: Snowflake, messageID: Snowflake, payload: MessagePayload, files: [DiscordFile] = []) async throws
        -> DiscordMessage
    {
        let request = DiscordRequest(
            .patch, "/channels/\(channelID)/messages/\(messageID)", route: "/channels/{channel.id}/messages/{message.id}",
            majorParameter: "\(channelID)", body: Self.body(payload.jsonValue, files)
        )
        return try DiscordMessage(json: try await required(request))
    }

    /// One page of a channel's history, newest first as Discord returns it. `limit` is 1…100.
    public func channelMessages(channelID: Snowflake, after: Snowflake? = nil, before: Snowflake? = nil, limit: Int = 100)
        async throws -> [DiscordMessage]
    {
        var query: [(name: String, value: String)] = [("limit", String(min(max(limit, 1), 100)))]
        if let after { query.append(("after", "\(after)")) }
        if let before { query.append(("before", "\(before)")) }
        let request = DiscordRequest(
            .get, "/channels/\(channelID)/messages", route: "/channels/{channel.id}/messages", majorParameter: "\(channelID)",
            query: query
        )
        guard case .array(let values) = try await required(request) else {
            throw DiscordRESTError(route: request.route.template, status: 200, message: "answer is not a list of messages")
        }
        return try values.map { value throws(DiscordDecodingError) in try DiscordMessage(json: value) }
    }

    // MARK: - Interactions

    /// The first answer to an interaction, within 3 s of receiving it (type 4 message, 5 deferred…).
    public func createInteractionResponse(interactionID: Snowflake, token: String, response: InteractionCallback, files: [DiscordFile] = [])
        async throws
    {
        try await send(
            DiscordRequest(
                .post, "/interactions/\(interactionID)/\(token)/callback",
                route: "/interactions/{interaction.id}/{interaction.token}/callback",
                majorParameter: "\(interactionID)", body: Self.body(response.jsonValue, files), isInteractionCallback: true,
                usesBotToken: false
            ))
    }

    public func editOriginalInteractionResponse(applicationID: Snowflake, token: String, payload: MessagePayload, files: [DiscordFile] = [])
        async throws -> DiscordMessage
    {
        let request = DiscordRequest(
            .patch, "/webhooks/\(applicationID)/\(token)/messages/@original",
            route: "/webhooks/{application.id}/{interaction.token}/messages/@original",
            majorParameter: token, body: Self.body(payload.jsonValue, files), usesBotToken: false
        )
        return try DiscordMessage(json: try await required(request))
    }

    public func deleteOriginalInteractionResponse(applicationID: Snowflake, token: String) async throws {
        try await send(
            DiscordRequest(
                .delete, "/webhooks/\(applicationID)/\(token)/messages/@original",
                route: "/webhooks/{application.id}/{interaction.token}/messages/@original", majorParameter: token, usesBotToken: false
            ))
    }

    public func createFollowupMessage(applicationID: Snowflake, token: String, payload: MessagePayload, files: [DiscordFile] = [])
        async throws -> DiscordMessage
    {
        let request = DiscordRequest(
            .post, "/webhooks/\(applicationID)/\(token)", route: "/webhooks/{application.id}/{interaction.token}", majorParameter: token,
            body: Self.body(payload.jsonValue, files), usesBotToken: false
        )
        return try DiscordMessage(json: try await required(request))
    }

    // MARK: - Application commands

    /// Replaces all global commands with `commands` (an array of command objects).
    @discardableResult
    public func bulkOverwriteGlobalCommands(applicationID: Snowflake, commands: JSONValue) async throws -> JSONValue {
        try await required(
            DiscordRequest(
                .put, "/applications/\(applicationID)/commands", route: "/applications/{application.id}/commands", body: .json(commands)
            ))
    }

    /// Replaces one guild's commands: they update at once, unlike global ones.
    @discardableResult
    public func bulkOverwriteGuildCommands(applicationID: Snowflake, guildID: Snowflake, commands: JSONValue) async throws -> JSONValue {
        try await required(
            DiscordRequest(
                .put, "/applications/\(applicationID)/guilds/\(guildID)/commands",
                route: "/applications/{application.id}/guilds/{guild.id}/commands", majorParameter: "\(guildID)", body: .json(commands)
            ))
    }

    /// The global commands as Discord holds them now.
    public func globalCommands(applicationID: Snowflake) async throws -> JSONValue {
        try await required(
            DiscordRequest(.get, "/applications/\(applicationID)/commands", route: "/applications/{application.id}/commands"))
    }

    /// One guild's commands as Discord holds them now.
    public func guildCommands(applicationID: Snowflake, guildID: Snowflake) async throws -> JSONValue {
        try await required(
            DiscordRequest(
                .get, "/applications/\(applicationID)/guilds/\(guildID)/commands",
                route: "/applications/{application.id}/guilds/{guild.id}/commands", majorParameter: "\(guildID)"
            ))
    }

    // MARK: - Users, applications, guilds

    public func currentApplication() async throws -> DiscordApplication {
        try DiscordApplication(json: try await required(DiscordRequest(.get, "/applications/@me", route: "/applications/@me")))
    }

    public func currentUser() async throws -> DiscordUser {
        try DiscordUser(json: try await required(DiscordRequest(.get, "/users/@me", route: "/users/@me")))
    }

    public func guildMember(guildID: Snowflake, userID: Snowflake) async throws -> DiscordGuildMember {
        let request = DiscordRequest(
            .get, "/guilds/\(guildID)/members/\(userID)", route: "/guilds/{guild.id}/members/{user.id}", majorParameter: "\(guildID)"
        )
        return try DiscordGuildMember(json: try await required(request))
    }

    /// Opens (or finds) the DM channel with a user.
    public func createDM(recipientID: Snowflake) async throws -> DiscordChannel {
        let request = DiscordRequest(
            .post, "/users/@me/channels", route: "/users/@me/channels", body: .json(.object([("recipient_id", .string("\(recipientID)"))]))
        )
        return try DiscordChannel(json: try await required(request))
    }

    // MARK: - Helpers

    private static func body(_ payload: JSONValue, _ files: [DiscordFile]) -> DiscordRequest.Body {
        files.isEmpty ? .json(payload) : .multipart(payload: payload, files: files)
    }

    /// `send`, for endpoints that always answer with JSON.
    private func required(_ request: DiscordRequest) async throws -> JSONValue {
        guard let json = try await send(request) else {
            throw DiscordRESTError(route: request.route.template, status: 204, message: "expected a JSON answer, got none")
        }
        return json
    }
}
