import NIOCore

/// Joins WebSocket data frames into messages: a text or binary frame starts one, continuation
/// frames extend it, FIN ends it. Pure: frames in, messages out.
struct WebSocketMessageAssembler {
    enum FrameKind {
        case text, binary, continuation
    }

    struct Message {
        var isBinary: Bool
        var data: ByteBuffer
    }

    struct FramingError: Error, CustomStringConvertible {
        var description: String
    }

    let maxSize: Int
    private var partial: Message?

    init(maxSize: Int) {
        self.maxSize = maxSize
    }

    /// The message this frame completes, or nil while it is still incomplete.
    mutating func append(_ kind: FrameKind, _ data: ByteBuffer, fin: Bool) throws(FramingError) -> Message? {
        switch kind {
        case .text, .binary:
            guard partial == nil else { throw FramingError(description: "a new message began before the last one ended") }
            guard data.readableBytes <= maxSize else { throw tooLarge() }
            let message = Message(isBinary: kind == .binary, data: data)
            if fin { return message }
            partial = message
            return nil
        case .continuation:
            guard var message = partial else { throw FramingError(description: "a continuation frame without a message to continue") }
            guard message.data.readableBytes + data.readableBytes <= maxSize else { throw tooLarge() }
            var data = data
            message.data.writeBuffer(&data)
            guard fin else {
                partial = message
                return nil
            }
            partial = nil
            return message
        }
    }

    private func tooLarge() -> FramingError {
        FramingError(description: "a message larger than \(maxSize) bytes")
    }
}
