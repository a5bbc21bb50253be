import Hummingbird
public import Logging
public import ServiceLifecycle
public import Store
import Synchronization

/// The web dashboard, as a service of `hiringpulse run` or on its own (`hiringpulse dashboard`):
/// read-only pages and their JSON on `host:port`.
public struct DashboardServer: Service {
    let host: String
    let port: Int
    let site: DashboardSite
    let logger: Logger
    /// Called with the port once listening: with port 0 this is where the chosen one is learnt.
    let onListening: @Sendable (Int) -> Void

    /// `now` gives Unix milliseconds: the age filter and the trend's last day count from it.
    /// `links`: what the signed links of alert mails do, when the dashboard is public;
    /// `telegramWebhook`: where Telegram posts button presses, when a webhook is configured.
    public init(
        host: String, port: Int, store: Store, settings: DashboardSettings, links: MailLinks? = nil,
        telegramWebhook: TelegramWebhook? = nil, logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in },
        now: @escaping @Sendable () -> Int64 = { Timestamp.now() }
    ) {
        self.host = host
        self.port = port
        self.site = DashboardSite(store: store, settings: settings, links: links, telegramWebhook: telegramWebhook, now: now)
        self.logger = logger
        self.onListening = onListening
    }

    /// Whether `host` can be reached only from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public func run() async throws {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(
            middleware: DashboardGuard(
                token: site.settings.token.map(AccessToken.init), basePath: site.settings.basePath, pages: site.pages,
                ownCredentialRoutes: [site.links?.route, site.telegramWebhook?.route].compactMap { $0 }, logger: logger))
        site.routes(into: router)
        if !Self.isLoopback(host) && site.settings.token == nil {
            logger.warning(
                "the dashboard listens beyond this machine without DASHBOARD_TOKEN: anyone who can reach \(host):\(port) can read it")
        }
        let logger = logger
        let onListening = onListening
        let listening = Mutex(false)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                listening.withLock { $0 = true }
                let port = channel.localAddress?.port ?? -1
                logger.info("dashboard listening", metadata: ["port": "\(port)"])
                onListening(port)
            },
            logger: logger)
        do {
            try await app.run()
        } catch  where !listening.withLock({ $0 }) {
            // As with the operations endpoint: a busy port must not keep the bot off Discord.
            logger.error("dashboard off: cannot listen on \(host):\(port): \(error)")
            try await gracefulShutdown()
        }
    }
}
