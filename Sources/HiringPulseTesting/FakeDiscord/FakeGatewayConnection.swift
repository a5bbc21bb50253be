import Discord
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// The server side of one gateway connection: writes what `FakeGateway` queues (compressed when
/// the client asked for zlib-stream) and hands every frame the client sends back to it.
struct FakeGatewayConnection {
    let gateway: FakeGateway
    let compress: Bool
    let path: String
    /// The TCP connection under the WebSocket, to drop it without a close frame.
    let channel: any Channel

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let (id, outgoing, splits) = await gateway.open(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let deflater = compress ? ZlibStreamDeflater() : nil
                for await item in outgoing {
                    switch item {
                    case .frame(let frame):
                        try await write(frame.json, to: outbound, deflater: deflater, splits: splits)
                    case .rawText(let text):
                        try await write(text, to: outbound, deflater: deflater, splits: splits)
                    case .close(let code):
                        try await outbound.close(.unknown(code), reason: nil)
                        return
                    case .drop:
                        // As a network failure does: no close frame, the socket just goes.
                        try? await channel.close()
                        return
                    }
                }
            }
            group.addTask {
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                while let message = try await messages.next() {
                    guard case .text(let text) = message, let frame = try? GatewayFrame(json: Array(text.utf8)) else {
                        // Discord: 4002 Decode error.
                        try await outbound.close(.unknown(4002), reason: nil)
                        return
                    }
                    await gateway.receive(frame, on: id)
                }
            }
            try await group.next()
            group.cancelAll()
        }
        await gateway.closed(id)
    }

    private func write(_ text: String, to outbound: WebSocketOutboundWriter, deflater: ZlibStreamDeflater?, splits: Bool) async throws {
        guard let deflater else { return try await outbound.write(.text(text)) }
        let compressed = deflater.compress(Array(text.utf8))
        if splits && compressed.count > 8 {
            let middle = compressed.count / 2
            try await outbound.write(.binary(ByteBuffer(bytes: compressed[..<middle])))
            try await outbound.write(.binary(ByteBuffer(bytes: compressed[middle...])))
        } else {
            try await outbound.write(.binary(ByteBuffer(bytes: compressed)))
        }
    }
}
