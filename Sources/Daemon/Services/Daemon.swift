import Alerts
public import Bot
import Dashboard
import Discord
public import Domain
import Extraction
import Foundation
public import Logging
public import Prometheus
import ServiceLifecycle
public import Store
import Support
import Transport
import UnixSignals

/// `hiringpulse run`: the gateway, the backfiller, the interaction responder, the extraction
/// worker and the job alerts (feeds, matcher, notifier) as one service group. SIGTERM and SIGINT
/// shut it down gracefully, in reverse order of start: the gateway first (it hands over its
/// session), then the writer (which commits what the gateway delivered, and the session), then the
/// backfiller, then the answers in flight, then the extraction worker, which finishes its
/// batch, and last the alerts, so that what extraction found is still matched and sent. Whatever
/// is still running `shutdownGrace` after the signal (a request to a server that does not answer)
/// is cancelled: each worker leaves what it did not finish pending, so nothing is lost.
public struct Daemon: Sendable {
    /// From SIGTERM to cancelling what has not finished; well inside systemd's TimeoutStopSec.
    public static let shutdownGrace = Duration.seconds(3)

    public let config: HiringPulseConfig
    public let store: Store
    public let hasher: AuthorHasher
    public let companies: CompanyCatalog
    public let commands: CommandCatalog
    public let token: String
    /// What `/metrics` prints; nil when the process did not bootstrap metrics (tests, benchmarks).
    public let metrics: PrometheusCollectorRegistry?
    public let logger: Logger

    public init(
        config: HiringPulseConfig, store: Store, hasher: AuthorHasher, companies: CompanyCatalog,
        commands: CommandCatalog, token: String, metrics: PrometheusCollectorRegistry? = nil, logger: Logger
    ) {
        self.config = config
        self.store = store
        self.hasher = hasher
        self.companies = companies
        self.commands = commands
        self.token = token
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        let settings = config.discord
        let rest = DiscordRESTClient(token: token, configuration: .init(apiBaseURL: settings.apiBaseURL), logger: logger)
        let gateway = DiscordGateway(
            configuration: .init(
                token: token, intents: settings.intents, shardCount: settings.shardCount, gatewayURL: settings.gatewayURL,
                connection: .init(compress: settings.compress, identifySpacing: settings.identifySpacing)),
            rest: rest, logger: logger)
        let intake = MessageIntake(configuredChannels: Set(settings.channelIDs), hasher: hasher)
        let extraction = Wakeup()
        let postings = Wakeup()
        let notifications = Wakeup()
        let backfiller = Backfiller(rest: rest, store: store, intake: intake, extraction: extraction, logger: logger)
        // Admins' aliases lie over the file's map, and change while the daemon runs.
        let catalog = try await LiveCompanyCatalog(base: companies, store: store)
        // The extractor reads the live catalog, so the daemon makes its own.
        let pipeline = ExtractionPipeline(
            store: store,
            extractor: try ExtractorFactory.make(config.extractor, config: config, catalog: { catalog.catalog }, logger: logger),
            batchSize: config.extractionBatchSize, retry: ExtractionStore.RetryPolicy(maxAttempts: config.maxAttempts))
        let alerts = try await AlertsSetup.load(
            config: config, store: store, discord: rest, environment: ProcessInfo.processInfo.environment, logger: logger)
        let statistics = StatisticsSource(store: store, catalog: catalog, trendDays: config.trendDays, topLimit: config.topCompanies)
        let gate = AdminGate(adminRoles: settings.adminRoleIDs, store: store, hasher: hasher)
        let bulk = BulkReclassification(reclassifier: Reclassifier(pipeline: pipeline), rest: rest, logger: logger)
        let responder = InteractionResponder(
            rest: rest,
            commands: [
                StatsSlashCommand(source: statistics), TrendsSlashCommand(source: statistics), TopSlashCommand(source: statistics),
                MeSlashCommand(store: store, hasher: hasher, ghostedAfterDays: config.ghostedAfterDays),
                ForgetMeSlashCommand(store: store, hasher: hasher), HelpSlashCommand(catalog: commands),
                ReclassifySlashCommand(pipeline: pipeline, gate: gate, bulk: bulk), CorrectSlashCommand(source: statistics, gate: gate),
                AliasSlashCommand(source: statistics, gate: gate, minMembers: config.suggestMinMembers),
                AlertsSlashCommand(
                    store: store, hasher: hasher, maxProfiles: config.maxProfilesPerMember,
                    mailer: AlertsSetup.emailSettings(config).map { SMTPClient(settings: $0) }),
                JobsSlashCommand(source: statistics),
            ],
            logger: logger)
        // Every declared command needs a handler, or members would be offered a command that fails.
        let unhandled = Set(commands.commands.map(\.name)).subtracting(responder.commandNames)
        guard unhandled.isEmpty else {
            throw DaemonError(
                "Commands/ declares /\(unhandled.sorted().joined(separator: ", /")), which this version cannot answer; remove the file")
        }
        let interactions = InteractionService(
            responder: responder,
            registration: CommandRegistration(rest: rest, store: store, catalog: commands, guildIDs: settings.guildIDs, logger: logger),
            logger: logger)
        let healthReports = Wakeup()
        let health = await FeedHealthTracker(
            feeds: alerts.feeds.map(\.name), admins: alerts.admins.map(\.key), alertAfter: config.feedAlertAfter, store: store,
            deliveries: healthReports, logger: logger)
        let readiness = Readiness()
        let savedSessions = try await store.gateway.sessions()
        // The rules take microseconds a message: they run as the messages are written. A model's
        // calls are made by the extraction worker, from messages stored as pending.
        let writer = GatewayWriter(
            store: store, extraction: extraction, inlineExtraction: config.extractor == .rules ? pipeline : nil, postings: postings,
            sessions: savedSessions, logger: logger)
        let ingest = GatewayIngest(
            intake: intake, writer: writer, backfiller: backfiller, interactions: interactions, savedSessions: savedSessions,
            readiness: readiness, logger: logger)
        // Channels watched before are caught up at once, continued by the saved session if it
        // resumes (a session that does not resume is followed by READY, which asks again).
        let known = try await store.gateway.watermarks().keys.map { (Snowflake(rawValue: UInt64($0)), Snowflake?.none) }
        await backfiller.request(known, session: savedSessions.count == 1 ? savedSessions[0].sessionID : nil)
        // The endpoint starts first and stops last, so that probes see the whole life of the daemon.
        let operations = config.httpBind.map {
            ServiceGroupConfiguration.ServiceConfiguration(
                service: OperationsServer(address: $0, readiness: readiness, store: store, registry: metrics, logger: logger))
        }
        let telegramPresses = TelegramPresses(alerts: alerts, store: store, hasher: hasher, logger: logger)
        let mailLinks = alerts.emailLinks.map { links in
            let actions = AlertMailLinks(links: links, store: store, hasher: hasher)
            return MailLinks(
                prompt: { token in try await actions.prompt(token).map { MailLinks.Prompt(question: $0.question, button: $0.button) } },
                perform: { token in try await actions.perform(token) })
        }
        let dashboard = config.dashboardBind.map {
            ServiceGroupConfiguration.ServiceConfiguration(
                service: DashboardServer(
                    host: $0.host, port: $0.port, store: store, settings: DashboardSettings(config: config), links: mailLinks,
                    telegramWebhook: telegramPresses.webhook, logger: logger))
        }
        let optional: [ServiceGroupConfiguration.ServiceConfiguration] = [operations, dashboard, telegramPresses.service].compactMap { $0 }
        var group = ServiceGroupConfiguration(
            services: optional + [
                .init(service: NotificationWorker(store: store, delivery: alerts.delivery, wakeup: notifications, logger: logger)),
                .init(service: FeedHealthMonitor(tracker: health, delivery: alerts.delivery, deliveries: healthReports, logger: logger)),
                .init(service: AlertMatcher(store: store, wakeup: postings, notifier: notifications, logger: logger)),
                .init(
                    service: FeedPoller(
                        feeds: alerts.feeds, store: store, fetcher: FeedFetcher(),
                        normalizer: { PostingNormalizer(catalog: catalog.catalog) }, matcher: postings, health: health, logger: logger)),
                .init(service: ExtractionWorker(pipeline: pipeline, wakeup: extraction, postings: postings, logger: logger)),
                .init(service: bulk),
                .init(service: interactions),
                .init(service: backfiller),
                // Stops after the gateway, writing what it delivered and its last session.
                .init(service: writer),
                .init(service: GatewayService(gateway: gateway, store: store, handler: ingest)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        group.maximumGracefulShutdownDuration = Self.shutdownGrace
        logger.info("hiringpulse running", metadata: ["database": "\(config.databasePath)"])
        do {
            try await ServiceGroup(configuration: group).run()
        } catch is CancellationError {
            // The grace ran out and the rest was cancelled: a stop as asked for, not a failure.
            logger.notice("stopped after cancelling what was still running \(Self.shutdownGrace.shortText) after the signal")
        }
    }
}
