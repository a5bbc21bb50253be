public import JSON
import Synchronization

/// What Discord enforces about answering an interaction ("Receiving and Responding" in Discord's
/// docs): the initial response (the callback) must come within 3 seconds of INTERACTION_CREATE,
/// and only once; the original response can be edited or deleted, and followups sent, only after
/// it, and the token lasts 15 minutes. Pure: the caller passes the time.
struct FakeInteractionLedger {
    /// Why Discord refuses a request about an interaction, with its status, message and code.
    enum Refusal: Equatable {
        case unknownInteraction, alreadyAcknowledged, unknownWebhook, invalidWebhookToken

        var status: Int {
            switch self {
            case .unknownInteraction, .unknownWebhook: 404
            case .alreadyAcknowledged: 400
            case .invalidWebhookToken: 401
            }
        }

        var message: String {
            switch self {
            case .unknownInteraction: "Unknown interaction"
            case .alreadyAcknowledged: "Interaction has already been acknowledged."
            case .unknownWebhook: "Unknown Webhook"
            case .invalidWebhookToken: "Invalid Webhook Token"
            }
        }

        var code: Int {
            switch self {
            case .unknownInteraction: 10062
            case .alreadyAcknowledged: 40060
            case .unknownWebhook: 10015
            case .invalidWebhookToken: 50027
            }
        }
    }

    /// Discord's 3 seconds; a test of what happens in order, not in time, may allow more.
    var callbackDeadline = Duration.seconds(3)
    static let tokenLifetime = Duration.seconds(15 * 60)

    private struct Interaction {
        var id: String
        var createdAt: ContinuousClock.Instant
        var acknowledged = false
    }

    /// By token: the callback's route has both, the webhook routes only the token.
    private var interactions: [String: Interaction] = [:]

    /// An interaction was delivered; a replayed one keeps its first time.
    mutating func created(id: String, token: String, at now: ContinuousClock.Instant) {
        if interactions[token] == nil { interactions[token] = Interaction(id: id, createdAt: now) }
    }

    /// The initial response: accepted once, within the deadline.
    mutating func callback(id: String, token: String, at now: ContinuousClock.Instant) -> Refusal? {
        guard var interaction = interactions[token], interaction.id == id else { return .unknownInteraction }
        guard !interaction.acknowledged else { return .alreadyAcknowledged }
        guard now - interaction.createdAt <= callbackDeadline else { return .unknownInteraction }
        interaction.acknowledged = true
        interactions[token] = interaction
        return nil
    }

    /// An edit or deletion of the original response, or a followup.
    func followUp(token: String, at now: ContinuousClock.Instant) -> Refusal? {
        guard let interaction = interactions[token], interaction.acknowledged else { return .unknownWebhook }
        return now - interaction.createdAt <= Self.tokenLifetime ? nil : .invalidWebhookToken
    }
}

/// The fake's ledger, shared by its gateway (which delivers interactions) and its REST API (which
/// takes their answers).
public final class FakeInteractions: Sendable {
    private let ledger = Mutex(FakeInteractionLedger())

    public init() {}

    /// Records an INTERACTION_CREATE payload as delivered now: for tests that hand an interaction
    /// to the bot without the gateway.
    public func delivered(_ payload: JSONValue, at now: ContinuousClock.Instant = .now) {
        guard let id = payload["id"]?.stringValue, let token = payload["token"]?.stringValue else { return }
        ledger.withLock { $0.created(id: id, token: token, at: now) }
    }

    /// How long after delivery a callback is taken: 3 seconds, as Discord allows. A test that
    /// checks the order of answers over a loaded machine's loopback may allow more.
    public func setCallbackDeadline(_ deadline: Duration) {
        ledger.withLock { $0.callbackDeadline = deadline }
    }

    func callback(id: String, token: String, at now: ContinuousClock.Instant) -> FakeInteractionLedger.Refusal? {
        ledger.withLock { $0.callback(id: id, token: token, at: now) }
    }

    func followUp(token: String, at now: ContinuousClock.Instant) -> FakeInteractionLedger.Refusal? {
        ledger.withLock { $0.followUp(token: token, at: now) }
    }
}
