import Discord
import Foundation
import JSON
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
    public var guildID: Int64?
    public var guildName: String?
    public var channelID: Int64
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
    public var authorID: String
    public var authorIsBot: Bool
    /// Attachments and stickers: what a message without text may still carry.
    public var hasAttachmentsOrStickers = false

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
            var index = chunk.startIndex
            while true {
                // Whitespace and plain string text change nothing below: stepped over a run at a time.
                index = scanner.endOfInertRun(in: chunk, from: index)
                guard index < chunk.endIndex else { break }
                defer { index += 1 }
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
                    if section == Self.guildKey {
                        capture = .guild
                        captureStart = index
                    }
                    if section == Self.channelKey {
                        capture = .channel
                        captureStart = index
                    }
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
            let channelID = channelValue["id"]?.stringValue.flatMap(Snowflake.init)
        else {
            throw ImportError("\(path): not a DiscordChatExporter JSON export (no \"channel\" with an id)")
        }
        let guildValue = guild.isEmpty ? nil : try? JSONParser.parse(guild)
        return ChatExportHeader(
            guildID: (guildValue?["id"]?.stringValue).flatMap(Snowflake.init).map { Int64(bitPattern: $0.rawValue) },
            guildName: guildValue?["name"]?.stringValue,
            channelID: Int64(bitPattern: channelID.rawValue),
            channelName: channelValue["name"]?.stringValue,
            messageCount: messageCount,
            byteCount: byteCount
        )
    }

    /// A reader of the file's messages, in file order. Call after `check()`: a message that lacks
    /// what an export message has (an id, a timestamp, an author) comes as a failure.
    public func messageReader() throws(ImportError) -> ChatExportMessageReader {
        try ChatExportMessageReader(path: path)
    }

    /// Reads the fields HiringPulse keeps from one exported message, stepping over the rest
    /// (attachments, embeds, reactions, …) without building them.
    static func decode(_ bytes: [UInt8], number: Int, path: String) -> Result<ExportedMessage, ImportError> {
        func fail(_ reason: String) -> Result<ExportedMessage, ImportError> {
            .failure(ImportError("\(path): message #\(number): \(reason)"))
        }
        var id: Snowflake?
        var type = "Default"
        var timestamp: Int64?
        var edited: Int64?
        var content = ""
        var authorID: String?
        var isBot = false
        var carriesFiles = false
        var parser = JSONParser(reading: bytes)
        do {
            try parser.forEachMember { (key, member) throws(JSONParser.SyntaxError) in
                switch key {
                case "id": id = try member.readValue().stringValue.flatMap(Snowflake.init)
                case "type": type = try member.readValue().stringValue ?? type
                case "timestamp": timestamp = try member.readValue().stringValue.flatMap(Timestamp.parse)
                case "timestampEdited": edited = try member.readValue().stringValue.flatMap(Timestamp.parse)
                case "content": content = try member.readValue().stringValue ?? ""
                case "attachments", "stickers":
                    if case .array(let items) = try member.readValue(), !items.isEmpty { carriesFiles = true }
                case "author":
                    try member.forEachMember { (key, field) throws(JSONParser.SyntaxError) in
                        switch key {
                        case "id": authorID = try field.readValue().stringValue
                        case "isBot": isBot = try field.readValue() == .bool(true)
                        default: try field.skipValue()
                        }
                    }
                default: try member.skipValue()
                }
            }
            try parser.finish()
        } catch {
            return fail("\(error)")
        }
        guard let id else { return fail("no valid \"id\"") }
        guard let timestamp else { return fail("no valid \"timestamp\"") }
        guard let authorID, !authorID.isEmpty else { return fail("no \"author\" with an id") }
        return .success(
            ExportedMessage(
                id: Int64(bitPattern: id.rawValue), type: type, timestamp: timestamp, editedTimestamp: edited,
                content: content, authorID: authorID, authorIsBot: isBot, hasAttachmentsOrStickers: carriesFiles))
    }

    static let guildKey = Array("guild".utf8)
    static let channelKey = Array("channel".utf8)
    static let messagesKey = Array("messages".utf8)

    /// Feeds the file to `body` in chunks, with each chunk's offset.
    private func readChunks(
        progress: (Int64) -> Void,
        _ body: (UnsafeBufferPointer<UInt8>, Int64) throws(ImportError) -> Void
    ) throws(ImportError) {
        let descriptor = try Self.open(path)
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var offset: Int64 = 0
        while true {
            let count = try Self.read(descriptor, into: &buffer, path: path)
            if count == 0 { break }
            let skipped = offset == 0 ? Self.byteOrderMarkLength(buffer, count: count) : 0
            try buffer.withUnsafeBufferPointer { (pointer) throws(ImportError) in
                try body(UnsafeBufferPointer(rebasing: pointer[skipped..<count]), offset + Int64(skipped))
            }
            offset += Int64(count)
            progress(offset)
        }
        if offset == 0 { throw ImportError("\(path): the file is empty") }
    }

    static func open(_ path: String) throws(ImportError) -> Int32 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError("\(path): is a directory, not an export file") }
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ImportError("\(path): cannot be opened (\(String(cString: strerror(errno))))") }
        return descriptor
    }

    static func read(_ descriptor: Int32, into buffer: inout [UInt8], path: String) throws(ImportError) -> Int {
        let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw ImportError("\(path): read failed (\(String(cString: strerror(errno))))") }
        return count
    }

    /// A UTF-8 byte-order mark is allowed before the JSON.
    static func byteOrderMarkLength(_ buffer: [UInt8], count: Int) -> Int {
        count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
    }
}

/// Pulls the messages of an export out of the file in batches, reading it a chunk at a time, so
/// that the importer can extract and store each batch before the next is read.
public final class ChatExportMessageReader {
    private let path: String
    private let descriptor: Int32
    private var state = State()

    /// Everything that changes while reading, kept in one value that `nextBatch` works on as a
    /// local: the byte loop then pays for no exclusivity checks on class properties.
    private struct State {
        var buffer = [UInt8](repeating: 0, count: ChatExportFile.chunkSize)
        var count = 0
        var position = 0
        var isFirstChunk = true
        var splitter = JSONElementSplitter()
        /// The bytes of the message being read that came in earlier chunks.
        var element: [UInt8] = []
        /// Where the message being read starts in the current chunk.
        var elementStart: Int?
        var number = 0
    }

    init(path: String) throws(ImportError) {
        self.path = path
        descriptor = try ChatExportFile.open(path)
    }

    deinit {
        close(descriptor)
    }

    /// Up to `maximumCount` messages; an empty array at the end of the file.
    public func nextBatch(maximumCount: Int) throws(ImportError) -> [Result<ExportedMessage, ImportError>] {
        var state = State(buffer: [])
        swap(&state, &self.state)
        defer { swap(&state, &self.state) }
        var batch: [Result<ExportedMessage, ImportError>] = []
        batch.reserveCapacity(maximumCount)
        while batch.count < maximumCount {
            if state.position == state.count {
                if let start = state.elementStart { state.element += state.buffer[start..<state.count] }
                state.count = try ChatExportFile.read(descriptor, into: &state.buffer, path: path)
                state.position = state.isFirstChunk ? ChatExportFile.byteOrderMarkLength(state.buffer, count: state.count) : 0
                state.isFirstChunk = false
                guard state.count > state.position else { break }
                if state.elementStart != nil { state.elementStart = state.position }
            }
            state.position = state.splitter.endOfInertRun(in: state.buffer, from: state.position, to: state.count)
            if state.position == state.count { continue }
            switch state.splitter.consume(state.buffer[state.position]) {
            case .elementStarted:
                state.elementStart = state.position
                state.element.removeAll(keepingCapacity: true)
            case .elementEnded:
                if let start = state.elementStart {
                    state.element += state.buffer[start...state.position]
                    state.elementStart = nil
                    state.number += 1
                    batch.append(ChatExportFile.decode(state.element, number: state.number, path: path))
                }
            case .none:
                break
            }
            state.position += 1
        }
        return batch
    }
}

/// Finds the elements of the top-level `messages` array in a JSON document already checked whole:
/// it follows only strings, nesting and the top-level keys, which makes it several times cheaper
/// than checking the syntax again.
struct JSONElementSplitter {
    enum Event { case none, elementStarted, elementEnded }

    private var depth = 0
    private var inString = false
    private var escaping = false
    private var expectingKey = false
    private var capturingKey = false
    private var key: [UInt8] = []
    private var inMessages = false

    /// Where the bytes of `buffer` from `start` (before `end`) stop being inert: whitespace
    /// outside strings, or anything but `"` and `\` inside a string that is not a top-level key.
    /// A caller steps over such a run at once instead of a byte at a time.
    func endOfInertRun(in buffer: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        if !inString {
            while index < end && JSONScanner.isWhitespace(buffer[index]) { index += 1 }
        } else if !escaping && !capturingKey {
            while index < end && buffer[index] != UInt8(ascii: "\"") && buffer[index] != UInt8(ascii: "\\") { index += 1 }
        }
        return index
    }

    mutating func consume(_ byte: UInt8) -> Event {
        if inString {
            if escaping {
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
                capturingKey = false
                return .none
            }
            if capturingKey { key.append(byte) }
            return .none
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            if depth == 1 && expectingKey {
                capturingKey = true
                key.removeAll(keepingCapacity: true)
            }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            if depth == 1 { expectingKey = byte == UInt8(ascii: "{") }
            if depth == 2 { inMessages = key == ChatExportFile.messagesKey }
            if depth == 3 && inMessages { return .elementStarted }
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth == 2 && inMessages { return .elementEnded }
        case UInt8(ascii: ":"):
            if depth == 1 { expectingKey = false }
        case UInt8(ascii: ","):
            if depth == 1 { expectingKey = true }
        default:
            break
        }
        return .none
    }
}
