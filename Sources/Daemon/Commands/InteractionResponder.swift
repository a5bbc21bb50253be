import Bot
public import Discord
import JSON
public import Logging
import Support

/// Answers interactions within Discord's 3-second window: a command's answer goes back at once
/// when it is ready within `deferAfter`; otherwise the responder acknowledges ("thinking…") and
/// edits the answer in when it comes. Autocomplete is answered directly.
public struct InteractionResponder: Sendable {
    let rest: DiscordRESTClient
    let commands: [String: any SlashCommand]
    let deferAfter: Duration
    let logger: Logger
    /// `deferAfter` is counted on it.
    let clock: AnyClock

    public init(
        rest: DiscordRESTClient, commands: [any SlashCommand], deferAfter: Duration = .milliseconds(1500), logger: Logger,
        clock: some Clock<Duration> = ContinuousClock()
    ) {
        self.clock = AnyClock(clock)
        self.rest = rest
        self.commands = Dictionary(commands.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.deferAfter = deferAfter
        self.logger = logger
    }

    /// The commands this responder answers.
    public var commandNames: Set<String> { Set(commands.keys) }

    public func respond(to interaction: DiscordInteraction) async {
        var logger = logger
        logger[metadataKey: "interaction"] = "\(interaction.id)"
        logger[metadataKey: "command"] = "\(interaction.commandName ?? "-")"
        let request = CommandRequest(interaction: interaction)
        guard let command = commands[request.commandName] else {
            logger.warning(
                "interaction for a command this bot does not have",
                metadata: ["name": "\(request.commandName)", "type": "\(interaction.type)"])
            let answer =
                interaction.type == 4
                ? InteractionCallback.autocomplete([])
                : InteractionCallback.message(.notice("This command is not known to this bot any more."))
            await send(answer, for: interaction, logger: logger)
            return
        }
        DaemonMetrics.interaction(command: request.commandName)
        switch interaction.type {
        case 2, 3: await answer(request, with: command, logger: logger)
        case 4: await suggest(request, with: command, logger: logger)
        default: logger.debug("ignoring interaction of type \(interaction.type)")
        }
    }

    private enum Outcome: Sendable {
        case answered(Result<InteractionReply, any Error>)
        case late
    }

    private func answer(_ request: CommandRequest, with command: any SlashCommand, logger: Logger) async {
        let interaction = request.interaction
        // A command is answered with a new message; a button press updates the message it is on.
        let isButton = interaction.type == 3
        await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    return .answered(.success(try await isButton ? command.press(request) : command.answer(request)))
                } catch {
                    return .answered(.failure(error))
                }
            }
            group.addTask {
                try? await clock.sleep(for: deferAfter)
                return .late
            }
            guard case .answered(let result)? = await group.next() else {
                // Not ready in time: acknowledge now, answer by editing.
                let acknowledgement =
                    isButton ? InteractionCallback.deferredUpdate : InteractionCallback.deferred(ephemeral: command.isEphemeral)
                await send(acknowledgement, for: interaction, logger: logger)
                guard case .answered(let result)? = await group.next() else { return }
                if isButton && isRefusal(result) {
                    // After a deferred update the original is the message the button is on: a
                    // refusal goes to the presser alone, as when it is in time, not over it.
                    await followUp(reply(for: result, logger: logger), for: interaction, logger: logger)
                } else {
                    await edit(reply(for: result, logger: logger), for: interaction, logger: logger)
                }
                return
            }
            group.cancelAll()
            let reply = reply(for: result, logger: logger)
            // A refusal on a button goes to the presser alone rather than replacing the message.
            let callback = isButton && !isRefusal(result) ? InteractionCallback.updateMessage(reply) : InteractionCallback.message(reply)
            await send(callback, for: interaction, logger: logger)
        }
    }

    private func reply(for result: Result<InteractionReply, any Error>, logger: Logger) -> InteractionReply {
        switch result {
        case .success(let reply): return reply
        case .failure(let error as CommandError): return .notice(error.description)
        case .failure(let error):
            logger.error("command failed: \(error)")
            return .notice("Something went wrong while answering; it has been logged. Try again in a moment.")
        }
    }

    private func isRefusal(_ result: Result<InteractionReply, any Error>) -> Bool {
        if case .failure = result { true } else { false }
    }

    private func suggest(_ request: CommandRequest, with command: any SlashCommand, logger: Logger) async {
        let choices: [(name: String, value: String)]
        do {
            choices = try await command.suggest(request)
        } catch {
            logger.warning("autocomplete failed: \(error)")
            choices = []
        }
        await send(InteractionCallback.autocomplete(choices), for: request.interaction, logger: logger)
    }

    private func send(_ callback: InteractionCallback, for interaction: DiscordInteraction, logger: Logger) async {
        do {
            try await rest.createInteractionResponse(
                interactionID: interaction.id, token: interaction.token, response: callback, files: callback.files)
        } catch {
            log(error, while: "answering", logger: logger)
        }
    }

    private func edit(_ reply: InteractionReply, for interaction: DiscordInteraction, logger: Logger) async {
        do {
            _ = try await rest.editOriginalInteractionResponse(
                applicationID: interaction.applicationID, token: interaction.token, payload: reply.payload, files: reply.files)
        } catch {
            log(error, while: "editing the answer", logger: logger)
        }
    }

    private func followUp(_ reply: InteractionReply, for interaction: DiscordInteraction, logger: Logger) async {
        do {
            _ = try await rest.createFollowupMessage(
                applicationID: interaction.applicationID, token: interaction.token, payload: reply.payload, files: reply.files)
        } catch {
            log(error, while: "following up", logger: logger)
        }
    }

    /// An expired interaction (10062, or 404 after 15 minutes) is expected now and then; Discord
    /// being down is worth an error. Neither stops anything else.
    private func log(_ error: any Error, while doing: String, logger: Logger) {
        if let error = error as? DiscordRESTError, error.code == 10062 || error.status == 404 {
            logger.warning("the interaction expired before \(doing) it")
        } else {
            logger.error("failed \(doing) the interaction: \(error)")
        }
    }
}
