import Discord
import Extraction
import JSONSchema
import Store

/// `/reclassify message:<link or id>` (admins): runs extraction on a stored message again, now,
/// and shows what it contributed before and after.
public struct ReclassifySlashCommand: SlashCommand {
    public let name = "reclassify"
    public var isEphemeral: Bool { true }
    let pipeline: ExtractionPipeline
    let gate: AdminGate

    public init(pipeline: ExtractionPipeline, gate: AdminGate) {
        self.pipeline = pipeline
        self.gate = gate
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let actor = try gate.check(request)
        let text = request.options.string("message") ?? ""
        guard let id = MessageReference.id(in: text), let messageID = Int64(exactly: id.rawValue) else {
            throw CommandError("Give a message id, or its link (right-click the message > Copy Message Link).")
        }
        let store = pipeline.store
        guard let message = try store.storedMessage(id: messageID) else {
            throw CommandError("Message \(id) is not stored: it is not from a watched channel, or was posted by a bot.")
        }
        guard !message.isDeleted else { throw CommandError("Message \(id) was deleted in Discord; it no longer counts.") }
        let before = try store.stageUpdates(messageId: messageID)
        let writes = await pipeline.extract([(id: messageID, content: message.content)])
        try store.record(writes, retry: pipeline.retry)
        let after = try store.stageUpdates(messageId: messageID)
        let describe = { (updates: [(company: String, stage: Stage)]) in
            updates.isEmpty ? "nothing" : updates.map { "\($0.company): \($0.stage.displayName)" }.joined(separator: "\n")
        }
        var failure: String?
        if case .failure(let error)? = writes.first?.outcome.result { failure = error.reason }
        try gate.record(
            actor: actor, action: "reclassify", target: "message \(id)",
            details: .object([
                ("before", .array(before.map { .string("\($0.company): \($0.stage.rawValue)") })),
                ("after", .array(after.map { .string("\($0.company): \($0.stage.rawValue)") })),
            ]))
        var fields = [Embed.Field("Before", describe(before), inline: true), Embed.Field("After", describe(after), inline: true)]
        if let failure { fields.append(Embed.Field("Extraction failed", failure)) }
        return InteractionReply(
            embeds: [Embed(title: "Reclassified message \(id)", description: Embed.cut(message.content, to: 1000), fields: fields, color: StatisticsEmbeds.color)],
            ephemeral: true)
    }
}
