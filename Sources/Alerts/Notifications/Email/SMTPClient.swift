import NIOPosix

/// Sends mail through an SMTP server with libcurl: STARTTLS or TLS from the start, the login,
/// one address per transfer. Never throws: the outbox reads the result, and the password never
/// appears in it.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings

    public init(settings: SMTPSettings) {
        self.settings = settings
    }

    public func send(_ message: EmailMessage, to address: String) async -> DeliveryResult {
        let transfer = SMTPTransfer(settings: settings, recipient: address, message: message.bytes)
        do {
            // libcurl blocks for up to the timeout: on NIO's pool of threads for blocking work,
            // not on a thread of the cooperative pool.
            return try await NIOThreadPool.singleton.runIfActive { transfer.perform() }.deliveryResult
        } catch {
            return .retryLater(after: nil, reason: "SMTP: the sending threads are shut down")
        }
    }
}
