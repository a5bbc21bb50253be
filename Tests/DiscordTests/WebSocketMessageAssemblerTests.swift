import NIOCore
import Testing

@testable import Discord

/// Fragmented WebSocket messages (RFC 6455 §5.4), joined before the gateway parses them.
@Suite struct WebSocketMessageAssemblerTests {
    @Test func aSingleFrameIsAWholeMessage() throws {
        var assembler = WebSocketMessageAssembler(maxSize: 64)
        let message = try #require(try assembler.append(.text, ByteBuffer(string: #"{"op":11}"#), fin: true))
        #expect(!message.isBinary)
        #expect(String(buffer: message.data) == #"{"op":11}"#)
    }

    @Test func continuationFramesAreJoinedUntilFin() throws {
        var assembler = WebSocketMessageAssembler(maxSize: 64)
        #expect(try assembler.append(.binary, ByteBuffer(bytes: [1, 2]), fin: false) == nil)
        #expect(try assembler.append(.continuation, ByteBuffer(bytes: [3]), fin: false) == nil)
        let message = try #require(try assembler.append(.continuation, ByteBuffer(bytes: [4, 5]), fin: true))
        #expect(message.isBinary)
        #expect(Array(message.data.readableBytesView) == [1, 2, 3, 4, 5])
        // The next message starts afresh.
        let next = try #require(try assembler.append(.text, ByteBuffer(string: "{}"), fin: true))
        #expect(String(buffer: next.data) == "{}")
    }

    @Test func aMessageOverTheLimitIsRefusedEvenWhenFragmented() throws {
        var whole = WebSocketMessageAssembler(maxSize: 4)
        #expect(throws: WebSocketMessageAssembler.FramingError.self) { try whole.append(.text, ByteBuffer(string: "12345"), fin: true) }
        var fragmented = WebSocketMessageAssembler(maxSize: 4)
        #expect(try fragmented.append(.text, ByteBuffer(string: "123"), fin: false) == nil)
        #expect(throws: WebSocketMessageAssembler.FramingError.self) {
            try fragmented.append(.continuation, ByteBuffer(string: "45"), fin: true)
        }
    }

    @Test func framesOutOfOrderAreAProtocolError() throws {
        var orphan = WebSocketMessageAssembler(maxSize: 64)
        #expect(throws: WebSocketMessageAssembler.FramingError.self) {
            try orphan.append(.continuation, ByteBuffer(string: "x"), fin: true)
        }
        var interrupted = WebSocketMessageAssembler(maxSize: 64)
        #expect(try interrupted.append(.text, ByteBuffer(string: "{"), fin: false) == nil)
        #expect(throws: WebSocketMessageAssembler.FramingError.self) { try interrupted.append(.text, ByteBuffer(string: "{}"), fin: true) }
    }
}
