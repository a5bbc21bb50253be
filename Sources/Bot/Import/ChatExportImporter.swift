import Extraction
import Store

/// What importing one or more export files did.
public struct ImportSummary: Sendable, Hashable {
    public var messagesRead = 0
    /// Stored for the first time.
    public var new = 0
    /// Stored before with other content: updated and extracted again.
    public var edited = 0
    /// Bot messages, system messages (joins, pins) and messages without text.
    public var skipped = 0
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
        skipped += other.skipped
        failed += other.failed
        updatesWritten += other.updatesWritten
        postingsWritten += other.postingsWritten
        firstFailure = firstFailure ?? other.firstFailure
    }

    public var line: String {
        "read \(messagesRead) messages: \(new) new, \(edited) edited, \(updatesWritten) stage updates written, "
            + "\(postingsWritten) postings, \(skipped) skipped, \(failed) failed"
    }
}

/// Reports import progress, for a progress bar: first the file is checked, then its messages are
/// stored, then they are extracted.
public protocol ImportProgress: Sendable {
    func update(file: String, phase: ImportPhase, done: Int64, total: Int64)
    func finished(file: String)
}

public enum ImportPhase: String, Sendable {
    case checking, storing, extracting
}

/// Imports DiscordChatExporter exports: each file is checked whole first (a broken file changes
/// nothing), then its messages are stored in batches, each committed as pending, and then extracted.
/// Message ids make it idempotent: importing a file again adds nothing, and an import cut short can
/// simply be run again.
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

    public func importFile(_ path: String, progress: (any ImportProgress)? = nil) async throws -> ImportSummary {
        let file = ChatExportFile(path: path)
        let header = try file.check { bytes in progress?.update(file: path, phase: .checking, done: bytes, total: -1) }
        defer { progress?.finished(file: path) }

        var summary = ImportSummary()
        var authorHashes: [String: String] = [:]
        var incoming: [IncomingMessage] = []
        incoming.reserveCapacity(batchSize)
        try file.readMessages(batchSize: batchSize) { batch in
            for entry in batch {
                summary.messagesRead += 1
                switch entry {
                case .failure(let error):
                    summary.failed += 1
                    if summary.firstFailure == nil { summary.firstFailure = error.description }
                case .success(let message):
                    guard !message.authorIsBot, message.isUserContent,
                        !message.content.allSatisfy(\.isWhitespace)
                    else {
                        summary.skipped += 1
                        continue
                    }
                    let hash: String
                    if let known = authorHashes[message.authorId] {
                        hash = known
                    } else {
                        hash = hasher.hash(message.authorId)
                        authorHashes[message.authorId] = hash
                    }
                    incoming.append(IncomingMessage(
                        id: message.id, guildId: header.guildId, channelId: header.channelId, authorHash: hash,
                        content: message.content, createdAt: message.timestamp, editedAt: message.editedTimestamp,
                        source: .importFile))
                }
            }
            let ingested = try store.ingest(incoming)
            summary.new += ingested.inserted
            summary.edited += ingested.changed
            incoming.removeAll(keepingCapacity: true)
            progress?.update(file: path, phase: .storing, done: Int64(summary.messagesRead), total: Int64(header.messageCount))
        }

        let toExtract = Int64(summary.new + summary.edited)
        var extracted = ExtractionSummary()
        while true {
            let batch = try await pipeline.processBatch()
            if batch.done + batch.failed + batch.retrying == 0 { break }
            extracted.add(batch)
            progress?.update(
                file: path, phase: .extracting, done: Int64(extracted.done + extracted.failed), total: toExtract)
        }
        summary.updatesWritten = extracted.updatesWritten
        summary.postingsWritten = extracted.postingsWritten
        summary.failed += extracted.failed
        return summary
    }
}

import Foundation
