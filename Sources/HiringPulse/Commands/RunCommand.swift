import ArgumentParser

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the Discord bot daemon (arrives with the Discord client).",
        discussion: """
            The long-running daemon connects to the Discord gateway, stores every new message and keeps
            the statistics live. It arrives with the Discord client; until then, use `import` with a
            DiscordChatExporter export and `stats`.
            """
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        throw fail("`run` arrives with the Discord client; for now import an export with `hiringpulse import` and use `hiringpulse stats`", code: 2)
    }
}
