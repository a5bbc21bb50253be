import Bot
public import Discord
import JSON

/// What a slash command's handler is given.
public struct CommandRequest: Sendable {
    public var interaction: DiscordInteraction
    public var options: InteractionOptions
    /// For a button press: its custom id split at ":", the command's name first
    /// ("me:page:2" → ["me", "page", "2"]).
    public var button: [String]

    public init(interaction: DiscordInteraction) {
        self.interaction = interaction
        options = InteractionOptions(data: interaction.data)
        button = (interaction.data?["custom_id"]?.stringValue ?? "").split(separator: ":", omittingEmptySubsequences: false).map(
            String.init)
    }

    /// The command this request is for: the slash command's name, or a button's prefix.
    public var commandName: String { interaction.type == 3 ? button[0] : options.path[0] }
}

/// One slash command's behaviour. Answers may take their time: the responder defers and edits
/// when they do not come within Discord's window.
public protocol SlashCommand: Sendable {
    var name: String { get }
    /// Whether the answer is seen only by the member who asked.
    var isEphemeral: Bool { get }
    func answer(_ request: CommandRequest) async throws -> InteractionReply
    /// Suggestions for the option being typed.
    func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)]
    /// A press on one of this command's buttons: the new content of the message it is on.
    func press(_ request: CommandRequest) async throws -> InteractionReply
}

extension SlashCommand {
    public var isEphemeral: Bool { false }
    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] { [] }
    public func press(_ request: CommandRequest) async throws -> InteractionReply {
        throw CommandError("This button no longer does anything; run the command again.")
    }
}
