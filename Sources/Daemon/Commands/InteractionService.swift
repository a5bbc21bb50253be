import Bot
public import Discord
public import Logging
public import ServiceLifecycle

/// Answers interactions as they come from the gateway, each in its own task so a slow answer
/// never holds up another, and registers the slash commands at start. On shutdown it takes no
/// new interactions, stops registering (it retries an unreachable Discord), and finishes the
/// answers in flight.
public struct InteractionService: Service, CustomStringConvertible {
    let responder: InteractionResponder
    let registration: CommandRegistration
    let inbox: AsyncStream<DiscordInteraction>
    private let inboxContinuation: AsyncStream<DiscordInteraction>.Continuation
    let logger: Logger

    public init(responder: InteractionResponder, registration: CommandRegistration, logger: Logger) {
        self.responder = responder
        self.registration = registration
        self.logger = logger
        (inbox, inboxContinuation) = AsyncStream.makeStream(of: DiscordInteraction.self)
    }

    public var description: String { "InteractionService" }

    /// Hands an interaction over; never blocks the gateway.
    public func post(_ interaction: DiscordInteraction) {
        inboxContinuation.yield(interaction)
    }

    public func run() async throws {
        let (responder, registration, inbox, logger) = (responder, registration, inbox, logger)
        let continuation = inboxContinuation
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    do {
                        _ = try await cancelWhenGracefulShutdown { try await registration.register() }
                    } catch is CancellationError {
                        // Shut down before Discord answered: the next start registers.
                    } catch {
                        // Commands registered earlier keep working; the next start tries again.
                        logger.error("could not register the slash commands: \(error)")
                    }
                }
                for await interaction in inbox {
                    group.addTask { await responder.respond(to: interaction) }
                }
            }
        } onGracefulShutdown: {
            continuation.finish()
        }
    }
}
