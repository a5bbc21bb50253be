import ArgumentParser
import Bot
import Discord
import Domain
import Extraction
import Foundation
import Store

struct ReclassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclassify",
        abstract: "Run extraction again on stored messages: one, or a whole scope.",
        discussion: """
            --message runs one message (by id or link) and prints what it counts for before and after.
            --scope runs many, with a progress bar: failed, all, since:YYYY-MM-DD or prompt-version:V.
            Safe while the daemon runs. Each batch is one transaction: Ctrl-C keeps what was done.
            Every run is written to the audit log.

            Examples:
              hiringpulse reclassify --message 1300000000000000123
              hiringpulse reclassify --scope failed
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "One message, by id or link.")
    var message: String?

    @Option(help: "Many messages: failed, all, since:YYYY-MM-DD or prompt-version:V.")
    var scope: String?

    func validate() throws {
        guard (message == nil) != (scope == nil) else { throw ValidationError("give either --message or --scope") }
    }

    func run() async throws {
        let context = try await AppContext.open(options)
        let pipeline = try context.pipeline()
        let store = context.store
        if let message {
            guard let id = MessageReference.id(in: message), let messageID = Int64(exactly: id.rawValue) else {
                throw fail("--message: \"\(message)\" is neither a message id nor a message link")
            }
            guard case .reclassified(let result) = try await Reclassifier(pipeline: pipeline).reclassify(messageID: messageID) else {
                throw fail("message \(id) is not stored, or was deleted")
            }
            try await store.audit(
                AuditEntry(at: Timestamp.now(), actorHash: nil, action: "reclassify", target: "message \(id)", details: nil))
            print("before: \(Reclassifier.describe(result.before, separator: ", "))")
            print("after:  \(Reclassifier.describe(result.after, separator: ", "))")
            return
        }
        guard let scopeText = scope, let parsed = ReclassificationScope(scopeText) else {
            throw fail("--scope: \"\(scope ?? "")\" is not failed, all, since:YYYY-MM-DD or prompt-version:V")
        }
        let ids = try await store.messages.ids(in: parsed)
        try await store.audit(
            AuditEntry(
                at: Timestamp.now(), actorHash: nil, action: "reclassify", target: "scope \(scopeText)",
                details: "{\"messages\":\(ids.count)}"))
        let terminal = isatty(STDERR_FILENO) == 1
        let progress = try await Reclassifier(pipeline: pipeline).run(ids) { progress in
            if terminal { FileHandle.standardError.write(Data(("\r\u{1B}[K" + Reclassifier.bar(progress, width: 30)).utf8)) }
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let summary = progress.summary
        print(
            "reclassified \(progress.done) messages (\(scopeText)): \(summary.done) done, \(summary.failed) failed, "
                + "\(summary.retrying) to retry, \(summary.updatesWritten) stage updates written")
    }
}
