public import Bot
public import Discord
import Domain
import Extraction
import JSON
import Store

/// `/reclassify` (admins). `message:<link or id>` runs extraction on one stored message again,
/// now, and shows what it contributed before and after. `scope:<failed | since:DATE |
/// prompt-version:V | all>` reclassifies many in the background, with a live progress bar and a
/// Cancel button.
public struct ReclassifySlashCommand: SlashCommand {
    public let name = "reclassify"
    public var isEphemeral: Bool { true }
    let pipeline: ExtractionPipeline
    let gate: AdminGate
    let bulk: BulkReclassification

    public init(pipeline: ExtractionPipeline, gate: AdminGate, bulk: BulkReclassification) {
        self.pipeline = pipeline
        self.gate = gate
        self.bulk = bulk
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let actor = try await gate.check(request)
        switch (request.options.string("message"), request.options.string("scope")) {
        case (let message?, nil): return try await reclassify(message: message, actor: actor)
        case (nil, let scope?): return try await reclassify(scope: scope, actor: actor, request: request)
        default: throw CommandError("Give either a message (its link or id) or a scope (failed, all, since:YYYY-MM-DD, prompt-version:V).")
        }
    }

    public func press(_ request: CommandRequest) async throws -> InteractionReply {
        let actor = try await gate.check(request)
        guard request.button.count == 3, request.button[1] == "cancel", let job = Int(request.button[2]) else {
            throw CommandError("This button no longer does anything.")
        }
        guard await bulk.cancel(job) else { throw CommandError("That reclassification has already ended.") }
        try await gate.record(actor: actor, action: "reclassify-cancel", target: "job \(job)", details: nil)
        return InteractionReply(content: "Cancelling: the batch in hand finishes first, and what was done stays.", ephemeral: true)
    }

    private func reclassify(scope text: String, actor: String, request: CommandRequest) async throws -> InteractionReply {
        guard let scope = ReclassificationScope(text) else {
            throw CommandError("\"\(Embed.cut(text, to: 60))\" is not a scope; use failed, all, since:YYYY-MM-DD or prompt-version:V.")
        }
        let ids = try await pipeline.store.messages.ids(in: scope)
        guard !ids.isEmpty else { return .notice("No stored message is in scope \(text).") }
        let job = try await bulk.start(ids, scope: text, interaction: request.interaction)
        try await gate.record(
            actor: actor, action: "reclassify", target: "scope \(text)", details: .object([("messages", .integer(Int64(ids.count)))]))
        return InteractionReply(
            content: BulkReclassification.progressText(Reclassifier.Progress(total: ids.count), scope: text), ephemeral: true,
            components: [ActionRow([("Cancel", "reclassify:cancel:\(job)", .danger, false)])])
    }

    private func reclassify(message text: String, actor: String) async throws -> InteractionReply {
        let (id, messageID) = try MessageReference.storedID(in: text)
        let result: Reclassifier.MessageResult
        switch try await Reclassifier(pipeline: pipeline).reclassify(messageID: messageID) {
        case .notStored: throw CommandError("Message \(id) is not stored: it is not from a watched channel, or was posted by a bot.")
        case .deleted: throw CommandError("Message \(id) was deleted in Discord; it no longer counts.")
        case .reclassified(let reclassified): result = reclassified
        }
        try await gate.record(
            actor: actor, action: "reclassify", target: "message \(id)",
            details: .object([
                ("before", .array(result.before.map { .string("\($0.company): \($0.stage.rawValue)") })),
                ("after", .array(result.after.map { .string("\($0.company): \($0.stage.rawValue)") })),
            ]))
        var fields = [
            Embed.Field("Before", Reclassifier.describe(result.before, separator: "\n"), inline: true),
            Embed.Field("After", Reclassifier.describe(result.after, separator: "\n"), inline: true),
        ]
        if let failure = result.failure { fields.append(Embed.Field("Extraction failed", failure)) }
        return InteractionReply(
            embeds: [
                Embed(
                    title: "Reclassified message \(id)", description: Embed.cut(result.content, to: 1000), fields: fields,
                    color: StatisticsEmbeds.color)
            ],
            ephemeral: true)
    }
}
