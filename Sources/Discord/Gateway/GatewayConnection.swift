import Logging
import NIOCore
import NIOWebSocket
import Support
import WSClient

/// One WebSocket connection to the gateway, from opening to closed. It turns what arrives into
/// frames for the shard's loop and writes what the loop commands, under the 120-per-60-s send
/// limit. It decides nothing about the protocol.
struct GatewayConnection: Sendable {
    enum Command: Sendable {
        case send(GatewayFrame)
        /// Close with this code; a non-1000 code keeps the session resumable.
        case close(code: UInt16)
    }

    let id: Int
    let url: String
    let settings: GatewayConnectionSettings
    let logger: Logger
    let clock: AnyClock

    /// Runs the connection and reports everything to `inputs`, ending with exactly one `.closed`.
    func run(reportingTo inputs: AsyncStream<ShellInput>.Continuation) async {
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = settings.maxPayloadSize
        configuration.closeTimeout = settings.closeTimeout
        configuration.autoPing = .disabled
        // Payloads are parsed as bytes; checking UTF-8 separately would read each one twice.
        configuration.validateUTF8 = false
        let (commands, writer) = AsyncStream.makeStream(of: Command.self)
        let upgrade = UpgradeGuard<WebSocketCloseFrame?>()
        do {
            let (url, logger, configuration) = (url, logger, configuration)
            let closeFrame = try await upgrade.run {
                try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                    upgrade.upgraded()
                    inputs.yield(.connected(connection: id, writer: writer))
                    try await exchange(inbound: inbound, outbound: outbound, commands: commands, inputs: inputs)
                }
            }
            inputs.yield(
                .closed(connection: id, code: closeFrame.map { UInt16(webSocketErrorCode: $0.closeCode) }, reason: closeFrame?.reason))
        } catch {
            inputs.yield(.closed(connection: id, code: nil, reason: "\(error)"))
        }
        writer.finish()
    }

    /// How the exchange of one connection ended.
    private enum Ending {
        /// The server closed, or the socket went away.
        case remote
        /// We sent a close frame.
        case sentClose
        /// A payload made the connection unusable (corrupt compression, oversized, bad framing).
        case broken
    }

    private func exchange(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, commands: AsyncStream<Command>,
        inputs: AsyncStream<ShellInput>.Continuation
    ) async throws {
        let ending = try await withThrowingTaskGroup(of: Ending.self) { group in
            group.addTask { try await read(inbound, inputs: inputs) }
            group.addTask {
                try await write(commands, to: outbound)
                return .sentClose
            }
            // Either the server ended the connection or we sent a close: the rest is the
            // library's close handshake.
            let first = try await group.next() ?? .remote
            group.cancelAll()
            return first
        }
        // Returning now would close with 1000, which ends the session: a broken connection and
        // a shutdown both keep it resumable.
        if ending == .broken || (ending == .remote && Task.isCancelled) {
            try? await outbound.close(.unknown(GatewayStateMachine.resumableCloseCode), reason: nil)
        }
    }

    /// Reads WebSocket frames, joins fragmented messages, inflates zlib-stream, and reports each
    /// payload as a frame. Frames are read directly rather than as library messages: a text
    /// message would become a `String` only to be turned back into bytes for the JSON parser.
    private func read(_ inbound: WebSocketInboundStream, inputs: AsyncStream<ShellInput>.Continuation) async throws -> Ending {
        let inflater = settings.compress ? try ZlibStreamInflater(maxPayloadSize: settings.maxPayloadSize) : nil
        var frames = inbound.makeAsyncIterator()
        var assembler = WebSocketMessageAssembler(maxSize: settings.maxPayloadSize)
        while let frame = try await frames.next() {
            let message: WebSocketMessageAssembler.Message
            do {
                guard let complete = try assembler.append(frame.kind, frame.data, fin: frame.fin) else { continue }
                message = complete
            } catch {
                inputs.yield(.broken(connection: id, reason: error.description))
                return .broken
            }
            let bytes: [UInt8]
            if message.isBinary, let inflater {
                do {
                    guard let payload = try inflater.append(message.data.readableBytesView) else { continue }
                    bytes = payload
                } catch {
                    // The shared zlib context cannot recover from a bad chunk: start over.
                    inputs.yield(.broken(connection: id, reason: error.description))
                    return .broken
                }
            } else {
                bytes = Array(message.data.readableBytesView)
            }
            do {
                inputs.yield(.frame(connection: id, try GatewayFrame(json: bytes)))
            } catch {
                logger.warning("skipping undecodable gateway payload (\(bytes.count) bytes): \(error)")
            }
        }
        return .remote
    }

    private func write(_ commands: AsyncStream<Command>, to outbound: WebSocketOutboundWriter) async throws {
        var limiter = GatewaySendLimiter()
        for await command in commands {
            switch command {
            case .send(let frame):
                let isHeartbeat = frame.opcode == GatewayOpcode.heartbeat.rawValue
                while let later = limiter.reserve(isHeartbeat: isHeartbeat, now: clock.now) {
                    logger.notice("gateway send limit reached: holding \(frame) until the window frees")
                    try await clock.sleep(until: later)
                }
                try await outbound.write(.text(frame.json))
            case .close(let code):
                try await outbound.close(.unknown(code), reason: nil)
                return
            }
        }
    }
}

extension WebSocketDataFrame {
    fileprivate var kind: WebSocketMessageAssembler.FrameKind {
        switch opcode {
        case .text: .text
        case .binary: .binary
        case .continuation: .continuation
        }
    }
}

extension UInt16 {
    init(webSocketErrorCode code: WebSocketErrorCode) {
        self =
            switch code {
            case .normalClosure: 1000
            case .goingAway: 1001
            case .protocolError: 1002
            case .unacceptableData: 1003
            case .dataInconsistentWithMessage: 1007
            case .policyViolation: 1008
            case .messageTooLarge: 1009
            case .missingExtension: 1010
            case .unexpectedServerError: 1011
            case .unknown(let value): value
            }
    }
}
