import Bot
public import Discord
public import Logging
public import Store

/// Registers the slash commands with one bulk overwrite per scope (each configured guild, where
/// updates show at once, or globally), and only when they changed since the last registration:
/// the fingerprint of what was registered is kept in the store.
public struct CommandRegistration: Sendable {
    let rest: DiscordRESTClient
    let store: Store
    let catalog: CommandCatalog
    let guildIDs: [Snowflake]
    let logger: Logger

    public init(rest: DiscordRESTClient, store: Store, catalog: CommandCatalog, guildIDs: [Snowflake], logger: Logger) {
        self.rest = rest
        self.store = store
        self.catalog = catalog
        self.guildIDs = guildIDs
        self.logger = logger
    }

    /// What a registration did, per scope ("global" or "guild 123").
    public struct Outcome: Sendable, Hashable {
        public var registered: [String] = []
        public var unchanged: [String] = []
    }

    /// Registers where the commands changed, or everywhere with `force`.
    @discardableResult
    public func register(force: Bool = false) async throws -> Outcome {
        let application = try await rest.currentApplication()
        let fingerprint = catalog.fingerprint
        var outcome = Outcome()
        for guild in guildIDs.isEmpty ? [nil] : guildIDs.map(Optional.some) {
            let scope = guild.map { "guild \($0)" } ?? "global"
            let key = "commands.fingerprint." + (guild.map { "guild.\($0)" } ?? "global")
            if !force, try await store.setting(key) == fingerprint {
                outcome.unchanged.append(scope)
                logger.info("slash commands unchanged since their last registration", metadata: ["scope": "\(scope)"])
                continue
            }
            if let guild {
                _ = try await rest.bulkOverwriteGuildCommands(
                    applicationID: application.id, guildID: guild, commands: catalog.registrationPayload)
            } else {
                _ = try await rest.bulkOverwriteGlobalCommands(applicationID: application.id, commands: catalog.registrationPayload)
            }
            try await store.setSetting(key, to: fingerprint)
            outcome.registered.append(scope)
            logger.info("registered \(catalog.commands.count) slash commands", metadata: ["scope": "\(scope)"])
        }
        return outcome
    }
}
