import Discord
import Foundation
import JSONSchema
import Store

/// Why an export file cannot be imported. Nothing of the file has been written when this is thrown.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The channel an export comes from.
public struct ChatExportHeader: Sendable, Hashable {
    public var guildId: Int64?
    public var guildName: String?
    public var channelId: Int64
    public var channelName: String?
    /// Messages in the file, counted while checking it.
    public var messageCount: Int
    public var byteCount: Int64
}

/// One message of a DiscordChatExporter export, with only what HiringPulse keeps.
public struct ExportedMessage: Sendable, Hashable {
    public var id: Int64
    public var type: String
    public var timestamp: Int64
    public var editedTimestamp: Int64?
    public var content: String
    public var authorId: String
    public var authorIsBot: Bool

    /// Message types that carry something a member wrote; joins, pins and boosts do not.
    public var isUserContent: Bool { type == "Default" || type == "Reply" }
}

/// A DiscordChatExporter JSON export (`{"guild": …, "channel": …, "messages": [ … ]}`), read as a
/// stream: the file is checked whole before anything is imported, then its messages are read in
/// batches, so memory stays flat whatever the file's size.
public struct ChatExportFile: Sendable {
    public let path: String
    static let chunkSize = 1 << 20

    public init(path: String) {
        self.path = path
    }

    /// Reads the whole file once: JSON syntax, UTF-8, the export's shape. Returns its channel and
    /// message count. `progress` gets the bytes read so far.
    public func check(progress: (Int64) -> Void = { _ in }) throws(ImportError) -> ChatExportHeader {
        var scanner = JSONScanner()
        var guild: [UInt8] = []
        var channel: [UInt8] = []
        var messageCount = 0
        var sawMessages = false
        var section: [UInt8] = []
        var capture: CaptureTarget?
        var byteCount: Int64 = 0
        enum CaptureTarget { case guild, channel }

        try readChunks(progress: progress) { (chunk: UnsafeBufferPointer<UInt8>, offset: Int64) throws(ImportError) in
            var captureStart = 0
            for index in chunk.indices {
                let byte = chunk[index]
                let depthBefore = scanner.depth
                do {
                    try scanner.consume(byte)
                } catch let error as JSONScanner.SyntaxError {
                    throw ImportError("\(path): invalid JSON at byte \(offset + Int64(index)): \(error.reason)")
                } catch {
                    throw ImportError("\(path): \(error)")
                }
                if depthBefore == 0 && scanner.depth == 1 {
                    continue
                }
                if depthBefore == 0 && scanner.depth == 0 && scanner.isInLexeme {
                    throw ImportError("\(path): not a DiscordChatExporter JSON export (the top level is not an object)")
                }
                if depthBefore == 1 && scanner.depth == 2 {
                    section = scanner.topLevelKey
                    if section == Self.guildKey { capture = .guild; captureStart = index }
                    if section == Self.channelKey { capture = .channel; captureStart = index }
                    if section == Self.messagesKey {
                        guard byte == UInt8(ascii: "[") else {
                            throw ImportError("\(path): \"messages\" is not an array")
                        }
                        sawMessages = true
                    }
                } else if depthBefore == 2 && scanner.depth == 1, let target = capture {
                    let bytes = chunk[captureStart...index]
                    if target == .guild { guild += bytes } else { channel += bytes }
                    capture = nil
                } else if depthBefore == 2 && scanner.depth == 3 && section == Self.messagesKey {
                    messageCount += 1
                } else if depthBefore == 2 && scanner.depth == 2 && section == Self.messagesKey && scanner.isInScalarValue {
                    throw ImportError("\(path): message #\(messageCount + 1) is not an object")
                }
            }
            if let target = capture {
                let bytes = chunk[captureStart...]
                if target == .guild { guild += bytes } else { channel += bytes }
            }
            byteCount = offset + Int64(chunk.count)
        }
        do {
            try scanner.finish()
        } catch {
            throw ImportError("\(path): invalid JSON at byte \(byteCount): \(error.reason)")
        }
        guard sawMessages else { throw ImportError("\(path): not a DiscordChatExporter JSON export (no \"messages\" array)") }
        guard !channel.isEmpty, let channelValue = try? JSONParser.parse(channel),
            let channelId = channelValue["id"]?.stringValue.flatMap(Snowflake.init)
        else {
            throw ImportError("\(path): not a DiscordChatExporter JSON export (no \"channel\" with an id)")
        }
        let guildValue = guild.isEmpty ? nil : try? JSONParser.parse(guild)
        return ChatExportHeader(
            guildId: (guildValue?["id"]?.stringValue).flatMap(Snowflake.init).map { Int64(bitPattern: $0.rawValue) },
            guildName: guildValue?["name"]?.stringValue,
            channelId: Int64(bitPattern: channelId.rawValue),
            channelName: channelValue["name"]?.stringValue,
            messageCount: messageCount,
            byteCount: byteCount
        )
    }

    /// Reads the messages in batches of `batchSize`, in file order. Call after `check()`: a message
    /// that lacks what an export message has (an id, a timestamp, an author) comes as a failure.
    public func readMessages(
        batchSize: Int, progress: (Int64) -> Void = { _ in },
        _ body: ([Result<ExportedMessage, ImportError>]) throws -> Void
    ) throws {
        var scanner = JSONScanner()
        var element: [UInt8] = []
        var batch: [Result<ExportedMessage, ImportError>] = []
        batch.reserveCapacity(batchSize)
        var inMessages = false
        var index = 0
        var bodyError: (any Error)?

        try readChunks(progress: progress) { (chunk: UnsafeBufferPointer<UInt8>, _: Int64) throws(ImportError) in
            var elementStart: Int?
            if !element.isEmpty { elementStart = 0 }
            for position in chunk.indices {
                let depthBefore = scanner.depth
                do {
                    try scanner.consume(chunk[position])
                } catch {
                    throw ImportError("\(path): changed while it was being imported")
                }
                if depthBefore == 1 && scanner.depth == 2 {
                    inMessages = scanner.topLevelKey == Self.messagesKey
                } else if inMessages && depthBefore == 2 && scanner.depth == 3 {
                    elementStart = position
                } else if inMessages && depthBefore == 3 && scanner.depth == 2, let start = elementStart {
                    element += chunk[start...position]
                    elementStart = nil
                    index += 1
                    batch.append(Self.decode(element, number: index, path: path))
                    element.removeAll(keepingCapacity: true)
                    if batch.count >= batchSize {
                        do { try body(batch) } catch { bodyError = error; throw ImportError("") }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            }
            if let start = elementStart { element += chunk[start...] }
        }
        if let bodyError { throw bodyError }
        if !batch.isEmpty { try body(batch) }
    }

    static func decode(_ bytes: [UInt8], number: Int, path: String) -> Result<ExportedMessage, ImportError> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .failure(ImportError("\(path): message #\(number): \(error)"))
        }
        func fail(_ reason: String) -> Result<ExportedMessage, ImportError> {
            .failure(ImportError("\(path): message #\(number): \(reason)"))
        }
        guard let id = value["id"]?.stringValue.flatMap(Snowflake.init) else { return fail("no valid \"id\"") }
        guard let timestampText = value["timestamp"]?.stringValue, let timestamp = Timestamp.parse(timestampText) else {
            return fail("no valid \"timestamp\"")
        }
        guard let author = value["author"], let authorId = author["id"]?.stringValue, !authorId.isEmpty else {
            return fail("no \"author\" with an id")
        }
        var isBot = false
        if case .bool(let flag)? = author["isBot"] { isBot = flag }
        let edited = value["timestampEdited"]?.stringValue.flatMap(Timestamp.parse)
        return .success(ExportedMessage(
            id: Int64(bitPattern: id.rawValue), type: value["type"]?.stringValue ?? "Default", timestamp: timestamp,
            editedTimestamp: edited, content: value["content"]?.stringValue ?? "", authorId: authorId,
            authorIsBot: isBot))
    }

    static let guildKey = Array("guild".utf8)
    static let channelKey = Array("channel".utf8)
    static let messagesKey = Array("messages".utf8)

    /// Feeds the file to `body` in chunks, with each chunk's offset.
    private func readChunks(
        progress: (Int64) -> Void,
        _ body: (UnsafeBufferPointer<UInt8>, Int64) throws(ImportError) -> Void
    ) throws(ImportError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError("\(path): is a directory, not an export file") }
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ImportError("\(path): cannot be opened (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var offset: Int64 = 0
        var first = true
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
            guard count >= 0 else { throw ImportError("\(path): read failed (\(String(cString: strerror(errno))))") }
            if count == 0 { break }
            let chunkOffset = offset
            try buffer.withUnsafeBufferPointer { (pointer) throws(ImportError) in
                var chunk = UnsafeBufferPointer(rebasing: pointer[0..<count])
                var start = chunkOffset
                // A UTF-8 byte-order mark is allowed before the JSON.
                if first, count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                    chunk = UnsafeBufferPointer(rebasing: chunk[3...])
                    start += 3
                }
                try body(chunk, start)
            }
            first = false
            offset += Int64(count)
            progress(offset)
        }
        if offset == 0 { throw ImportError("\(path): the file is empty") }
    }
}
