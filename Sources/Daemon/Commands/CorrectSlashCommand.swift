import Bot
public import Discord
import Domain
import Extraction
import JSON
import Store

/// `/correct message company stage` (admins): labels a message by hand. The label wins over
/// every extraction of the message, now and later, and is kept as labelled data.
public struct CorrectSlashCommand: SlashCommand {
    public let name = "correct"
    public var isEphemeral: Bool { true }
    let source: StatisticsSource
    let gate: AdminGate

    public init(source: StatisticsSource, gate: AdminGate) {
        self.source = source
        self.gate = gate
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let actor = try await gate.check(request)
        let (id, messageID) = try MessageReference.storedID(in: request.options.string("message") ?? "")
        guard let stage = try StatisticsSource.stage(request) else { throw CommandError("Give the stage the message reports.") }
        let company = try await source.companies().resolve(request.options.string("company") ?? "")
        let store = source.store
        let before = try await store.extractions.stageUpdates(messageID: messageID)
        guard try await store.extractions.correct(messageID: messageID, company: company, stage: stage, actorHash: actor) else {
            throw CommandError("Message \(id) is not stored (or was deleted): only messages from watched channels can be corrected.")
        }
        try await gate.record(
            actor: actor, action: "correct", target: "message \(id)",
            details: .object([
                ("before", .array(before.map { .string("\($0.company): \($0.stage.rawValue)") })),
                ("after", .string("\(company): \(stage.rawValue)")),
            ]))
        let was = before.isEmpty ? "nothing" : before.map { "\($0.company): \($0.stage.displayName)" }.joined(separator: ", ")
        return .notice("Message \(id) now counts as \(company): \(stage.displayName) (was \(was)). Later extractions keep this label.")
    }

    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        try await source.companySuggestions(request)
    }
}
