import Domain
import Extraction
import Foundation
public import Store

/// What importing one or more export files did.
public struct ImportSummary: Sendable, Hashable {
    public var messagesRead = 0
    /// Stored for the first time.
    public var new = 0
    /// Stored before with other content: updated and extracted again.
    public var edited = 0
    /// Joins, pins, boosts and the like: not written by a member.
    public var skippedSystem = 0
    /// Written by a bot.
    public var skippedBot = 0
    /// No text, only attachments or stickers.
    public var skippedAttachmentsOnly = 0
    /// No text and nothing else.
    public var skippedEmpty = 0
    /// Messages that could not be read, or whose extraction failed.
    public var failed = 0
    public var updatesWritten = 0
    public var postingsWritten = 0
    /// The first problem met, to show with the summary.
    public var firstFailure: String?

    public init() {}

    public mutating func add(_ other: ImportSummary) {
        messagesRead += other.messagesRead
        new += other.new
        edited += other.edited
        skippedSystem += other.skippedSystem
        skippedBot += other.skippedBot
        skippedAttachmentsOnly += other.skippedAttachmentsOnly
        skippedEmpty += other.skippedEmpty
        failed += other.failed
        updatesWritten += other.updatesWritten
        postingsWritten += other.postingsWritten
        firstFailure = firstFailure ?? other.firstFailure
    }

    fileprivate mutating func add(_ stored: StoredBatch) {
        new += stored.ingested.inserted
        edited += stored.ingested.changed
        add(stored.extracted)
    }

    mutating func add(_ extraction: ExtractionSummary) {
        updatesWritten += extraction.updatesWritten
        postingsWritten += extraction.postingsWritten
        failed += extraction.failed
    }

    /// Messages not stored, for any reason.
    public var skipped: Int { skippedSystem + skippedBot + skippedAttachmentsOnly + skippedEmpty }

    public var line: String {
        var line =
            "read \(messagesRead) messages: \(new) new, \(edited) edited, \(updatesWritten) stage updates written, "
            + "\(postingsWritten) postings, \(skipped) skipped"
        let reasons = [
            (skippedSystem, "system"), (skippedBot, "bot"), (skippedAttachmentsOnly, "attachment or sticker only"), (skippedEmpty, "empty"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        if !reasons.isEmpty { line += " (" + reasons.joined(separator: ", ") + ")" }
        return line + ", \(failed) failed"
    }
}

/// Reports import progress, for a progress bar: first the file is checked, then its messages are
/// extracted and stored batch by batch, then any left pending (by an earlier import cut short, or
/// a retryable failure) are extracted.
public protocol ImportProgress: Sendable {
    func update(file: String, phase: ImportPhase, done: Int64, total: Int64)
    func finished(file: String)
}

public enum ImportPhase: String, Sendable {
    case checking, importing, extracting
}

/// Imports DiscordChatExporter exports: each file is checked whole first (a broken file changes
/// nothing), then read in batches; each batch's new and edited messages are extracted, and the batch
/// is stored with its stage updates in one transaction. Message ids make it idempotent: importing a
/// file again adds nothing (and extracts nothing), and an import cut short can simply be run again.
public struct ChatExportImporter: Sendable {
    public let store: Store
    public let pipeline: ExtractionPipeline
    public let hasher: AuthorHasher
    public let batchSize: Int

    public init(store: Store, pipeline: ExtractionPipeline, hasher: AuthorHasher, batchSize: Int) {
        self.store = store
        self.pipeline = pipeline
        self.hasher = hasher
        self.batchSize = max(1, batchSize)
    }

    /// `@concurrent`: reading, checking and extracting the file is CPU work for the cooperative
    /// pool, where it ran before async functions began running on their caller's actor
    /// (`NonisolatedNonsendingByDefault`); otherwise the command line's main actor would do it,
    /// with a hop back to the main thread after each batch's extraction.
    @concurrent
    public func importFile(_ path: String, progress: (any ImportProgress)? = nil) async throws -> ImportSummary {
        let file = ChatExportFile(path: path)
        let header = try file.check { bytes in progress?.update(file: path, phase: .checking, done: bytes, total: -1) }
        defer { progress?.finished(file: path) }

        var summary = ImportSummary()
        var authorHashes: [String: String] = [:]
        let reader = try file.messageReader()
        // One batch is written while the next is read and extracted: the database and the parsing
        // each get a core. At most one write is in flight, so batches land in file order and
        // memory holds two batches at most.
        try await withThrowingTaskGroup(of: StoredBatch.self) { group in
            func finished(_ stored: StoredBatch) {
                summary.add(stored)
                progress?.update(
                    file: path, phase: .importing, done: Int64(stored.messagesRead), total: Int64(header.messageCount))
            }
            var writing = false
            while true {
                let batch = try reader.nextBatch(maximumCount: batchSize)
                if batch.isEmpty { break }
                let incoming = prepare(batch, header: header, into: &summary, authorHashes: &authorHashes)
                let unchanged = try store.messages.unchangedMessageIDs(incoming)
                let fresh = incoming.filter { !unchanged.contains($0.id) }
                let writes = await pipeline.extract(fresh.map { (id: $0.id, content: $0.content) })
                if writing, let stored = try await group.next() { finished(stored) }
                let messagesRead = summary.messagesRead
                group.addTask {
                    let stored = try await store.messages.ingest(incoming, outcomes: writes, retry: pipeline.retry)
                    return StoredBatch(ingested: stored.ingested, extracted: stored.extracted, messagesRead: messagesRead)
                }
                writing = true
            }
            for try await stored in group { finished(stored) }
        }

        var extracted = 0
        while true {
            let batch = try await pipeline.processBatch()
            if batch.done + batch.failed + batch.retrying + batch.deferred == 0 { break }
            summary.add(batch)
            extracted += batch.done + batch.failed
            progress?.update(file: path, phase: .extracting, done: Int64(extracted), total: -1)
        }
        return summary
    }

    /// The messages of a batch worth storing, with their authors hashed; counts the rest.
    private func prepare(
        _ batch: [Result<ExportedMessage, ImportError>], header: ChatExportHeader, into summary: inout ImportSummary,
        authorHashes: inout [String: String]
    ) -> [IncomingMessage] {
        var incoming: [IncomingMessage] = []
        incoming.reserveCapacity(batch.count)
        for entry in batch {
            summary.messagesRead += 1
            switch entry {
            case .failure(let error):
                summary.failed += 1
                if summary.firstFailure == nil { summary.firstFailure = error.description }
            case .success(let message):
                guard message.isUserContent else {
                    summary.skippedSystem += 1
                    continue
                }
                guard !message.authorIsBot else {
                    summary.skippedBot += 1
                    continue
                }
                guard !message.content.allSatisfy(\.isWhitespace) else {
                    if message.hasAttachmentsOrStickers { summary.skippedAttachmentsOnly += 1 } else { summary.skippedEmpty += 1 }
                    continue
                }
                let hash: String
                if let known = authorHashes[message.authorID] {
                    hash = known
                } else {
                    hash = hasher.hash(message.authorID)
                    authorHashes[message.authorID] = hash
                }
                incoming.append(
                    IncomingMessage(
                        id: message.id, guildID: header.guildID, channelID: header.channelID, authorHash: hash,
                        content: message.content, createdAt: message.timestamp, editedAt: message.editedTimestamp,
                        source: .importFile))
            }
        }
        return incoming
    }
}

/// What writing one batch of an import did.
private struct StoredBatch: Sendable {
    var ingested: IngestSummary
    var extracted: ExtractionSummary
    var messagesRead: Int
}
