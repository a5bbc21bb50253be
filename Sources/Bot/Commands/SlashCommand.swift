import Discord

/// What a slash command's handler is given.
public struct CommandRequest: Sendable {
    public var interaction: DiscordInteraction
    public var options: InteractionOptions

    public init(interaction: DiscordInteraction) {
        self.interaction = interaction
        options = InteractionOptions(data: interaction.data)
    }
}

/// A refusal or a mistake the member can fix, shown to them as it is.
public struct CommandError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
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
}

extension SlashCommand {
    public var isEphemeral: Bool { false }
    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] { [] }
}
