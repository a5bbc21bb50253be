import Bot
import Daemon
import Discord
import Domain
import Extraction
import HiringPulseTesting
import JSON
import Store
import Testing

/// Slash commands answered through `SlashCommand.answer`, over a real SQLite store that the rule
/// extractor filled as the daemon would: what a member sees, without starting the daemon.
@Suite struct SlashCommandTests {
    static let guild = Snowflake(rawValue: 1_100_000_000_000_000_001)
    static let channel = Snowflake(rawValue: 1_300_000_000_000_000_001)
    static let member = Snowflake(rawValue: 1_200_000_000_000_000_009)
    /// 2026-11-18, as the messages' snowflakes would say.
    static let postedAt: Int64 = 1_795_500_000_000

    let directory: TemporaryDirectory
    let store: Store
    let hasher = AuthorHasher(key: Array("slash-command-tests".utf8))
    let catalog: LiveCompanyCatalog
    let statistics: StatisticsSource

    init() async throws {
        directory = try TemporaryDirectory(prefix: "slash-commands")
        store = try Store.open(path: directory.file("hiringpulse.sqlite"))
        let companies = try CompanyCatalog.load(contentsOf: RepositoryFile.path("config/companies.yaml"))
        try await store.companies.sync(companies)
        catalog = try await LiveCompanyCatalog(base: companies, store: store)
        statistics = StatisticsSource(store: store, catalog: catalog, trendDays: 30, topLimit: 10)
    }

    /// Members' messages, stored and classified by the rule extractor, as the daemon does with
    /// what the gateway delivers. `author` is a Discord user id, hashed as the daemon hashes it.
    func post(_ messages: [(author: UInt64, content: String)]) async throws {
        let first = try await store.messages.counts().values.reduce(0, +)
        try await store.messages.ingest(
            messages.enumerated().map { index, message in
                let number = Int64(first + index + 1)
                return IncomingMessage(
                    id: number, guildID: Int64(Self.guild.rawValue), channelID: Int64(Self.channel.rawValue),
                    authorHash: hasher.hash("\(message.author)"), content: message.content, createdAt: Self.postedAt + number * 1000,
                    source: .gateway)
            })
        let pipeline = ExtractionPipeline(store: store, extractor: RuleExtractor(catalog: catalog.catalog), batchSize: 50)
        while true {
            let summary = try await pipeline.processBatch()
            if summary.done + summary.failed + summary.retrying + summary.deferred == 0 { break }
        }
    }

    /// A slash command (type 2), its autocomplete (4, with `focused`), or a button press.
    static func request(
        _ command: String, options: [(name: String, type: Int, value: JSONValue)] = [], focused: String? = nil,
        subcommandOptions: [(name: String, type: Int, value: JSONValue)] = [], permissions: String = "0", button: String? = nil
    ) throws -> CommandRequest {
        let (id, token) = (Snowflake(rawValue: 1_400_000_000_000_000_001), "interaction-token")
        let payload =
            if let button {
                FakeDiscordPayloads.buttonPress(
                    id: id, token: token, customID: button, guildID: guild, channelID: channel, userID: member, permissions: permissions)
            } else {
                FakeDiscordPayloads.interaction(
                    id: id, token: token, command: command, options: options, focused: focused, type: focused == nil ? 2 : 4,
                    guildID: guild, channelID: channel, userID: member, permissions: permissions, subcommandOptions: subcommandOptions)
            }
        let event = try GatewayEvent(frame: GatewayFrame(opcode: 0, data: payload, sequence: 1, type: "INTERACTION_CREATE"))
        guard case .interactionCreate(let interaction) = event else { throw NotAnInteraction() }
        return CommandRequest(interaction: interaction)
    }

    struct NotAnInteraction: Error {}

    /// What the member sees: the answer's message, or, for a refusal, the notice the responder
    /// sends in its place.
    static func shown(_ command: some SlashCommand, _ request: CommandRequest) async throws -> JSONValue {
        do {
            let reply = try await request.interaction.type == 3 ? command.press(request) : command.answer(request)
            return reply.messageJSON
        } catch let error as CommandError {
            return InteractionReply.notice(error.description).messageJSON
        }
    }

    static func fieldValues(_ message: JSONValue) -> [String] {
        message["embeds"]?.arrayValue?.first?["fields"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
    }

    @Test func statsShowsACompanysFunnelAndSuggestsNames() async throws {
        defer { directory.remove() }
        try await post([(1, "got the OA from JPMC today"), (2, "JPMC superday next week!"), (3, "Citadel OA done")])
        let stats = StatsSlashCommand(source: statistics)

        let funnel = try await Self.shown(stats, try Self.request("stats", options: [("company", 3, .string("jpmc"))]))
        let embed = try #require(funnel["embeds"]?.arrayValue?.first)
        #expect(embed["title"] == .string("JPMorgan Chase: recruiting funnel"))
        #expect(embed["description"] == .string("**2** journeys (one member at one company)"))
        #expect(
            Self.fieldValues(funnel).prefix(2) == [
                "Applied: **2** (2 implied)\nOA: **2** (1 implied)\nPhone/R1: **1** (1 implied)\nOnsite/Final: **1**\nOffer: **0**\nRejected: **0**",
                "Applied → OA: 100%\nOA → Phone/R1: 50%\nPhone/R1 → Onsite/Final: 100%\nOnsite/Final → Offer: 0%\nApplied → Offer: 0%\nOA → Offer: 0%\nPhone/R1 → Offer: 0%",
            ])
        #expect(funnel["flags"] == nil)

        let suggestions = try await stats.suggest(try Self.request("stats", options: [("company", 3, .string("cit"))], focused: "company"))
        #expect(suggestions.first?.name == "Citadel")
        #expect(suggestions.map(\.name).contains("Citadel Securities"))

        let typo = try await Self.shown(stats, try Self.request("stats", options: [("company", 3, .string("Citadell"))]))
        #expect(typo["flags"] == .integer(64))
        #expect(typo["content"]?.stringValue?.contains("Did you mean Citadel") == true)
    }

    @Test func topCountsReportsNotImpliedStagesAndTrendsRefusesARangeOutOfBounds() async throws {
        defer { directory.remove() }
        try await post([(1, "got the OA from JPMC today"), (2, "JPMC superday next week!"), (3, "Citadel OA done")])
        let top = TopSlashCommand(source: statistics)
        // The superday implies an OA at JPMC but does not report one.
        let oa = try await Self.shown(top, try Self.request("top", options: [("stage", 3, .string("oa"))]))
        #expect(
            oa["embeds"]?.arrayValue?.first?["description"]
                == .string("OA reports of all time\n\n1. **Citadel**: 1\n2. **JPMorgan Chase**: 1"))
        let overall = try await Self.shown(top, try Self.request("top"))
        #expect(
            overall["embeds"]?.arrayValue?.first?["description"]
                == .string("Reports of all time\n\n1. **JPMorgan Chase**: 2\n2. **Citadel**: 1"))

        let trends = TrendsSlashCommand(source: statistics)
        let outOfRange = try await Self.shown(trends, try Self.request("trends", options: [("days", 4, .integer(3))]))
        #expect(outOfRange["content"] == .string("days must be between 7 and 365."))
        #expect(outOfRange["flags"] == .integer(64))
    }

    @Test func helpListsEveryCommandsUsageToTheAskerAlone() async throws {
        defer { directory.remove() }
        let help = HelpSlashCommand(catalog: try CommandCatalog.load(directory: RepositoryFile.path("Commands")))
        let answer = try await Self.shown(help, try Self.request("help"))
        #expect(answer["flags"] == .integer(64))
        let usages = answer["embeds"]?.arrayValue?.first?["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(usages?.contains("/correct <message> <company> <stage> (admins)") == true)
        #expect(usages?.contains("/stats [company]") == true)
        #expect(usages?.count == 11)
    }

    @Test func aMemberSeesTheirJourneysAndCanBeForgotten() async throws {
        defer { directory.remove() }
        try await post([
            (Self.member.rawValue, "got the OA from JPMC today"), (Self.member.rawValue, "Citadel superday friday"),
            (1, "offer from Stripe!!"),
        ])
        let me = MeSlashCommand(store: store, hasher: hasher, ghostedAfterDays: 30)
        let journeys = try await Self.shown(me, try Self.request("me"))
        #expect(journeys["flags"] == .integer(64))
        let embed = try #require(journeys["embeds"]?.arrayValue?.first)
        #expect(embed["title"] == .string("Your journeys"))
        #expect(embed["description"] == .string("2 companies"))
        let day = { (number: Int64) in Timestamp.date(day: Timestamp.day(of: Self.postedAt + number * 1000)) }
        #expect(
            embed["fields"]?.arrayValue?.map { "\($0["name"]?.stringValue ?? "") | \($0["value"]?.stringValue ?? "")" } == [
                "Citadel | Onsite/Final\nlast update \(day(2))", "JPMorgan Chase | OA\nlast update \(day(1))",
            ])

        let forget = ForgetMeSlashCommand(store: store, hasher: hasher)
        let asked = try await Self.shown(forget, try Self.request("forget-me"))
        #expect(asked["flags"] == .integer(64))
        #expect(asked["content"]?.stringValue?.contains("(2 stage updates)") == true)
        let confirmed = try await Self.shown(forget, try Self.request("forget-me", button: "forget-me:confirm"))
        #expect(confirmed["content"]?.stringValue?.hasPrefix("Done: 2 messages") == true)
        #expect(try await store.extractions.stageUpdateCount() == 1)
        let empty = try await Self.shown(me, try Self.request("me"))
        #expect(empty["content"]?.stringValue?.hasPrefix("Nothing from you yet") == true)
    }

    @Test func onlyAnAdminAddsAnAliasAndItCountsFromTheNextMessage() async throws {
        defer { directory.remove() }
        let alias = AliasSlashCommand(source: statistics, gate: AdminGate(adminRoles: [], store: store, hasher: hasher))
        func add(_ company: String, _ name: String, permissions: String) throws -> CommandRequest {
            try Self.request(
                "alias", options: [("add", 1, .null)], subcommandOptions: [("company", 3, .string(company)), ("alias", 3, .string(name))],
                permissions: permissions)
        }
        let refused = try await Self.shown(alias, try add("citadel", "Citsy", permissions: "0"))
        #expect(refused["flags"] == .integer(64))
        #expect(refused["content"] == .string("This command is for server admins (Manage Server, or an admin role)."))
        // Refused, and the refusal audited.
        #expect(try await store.auditLog().map { "\($0.action) \($0.target ?? "")" } == ["refused /alias add"])

        // MANAGE_GUILD (32) makes an admin.
        let added = try await Self.shown(alias, try add("citadel", "Citsy", permissions: "32"))
        #expect(added["content"] == .string("\"Citsy\" now means Citadel."))
        try await post([(2, "got the OA from citsy today")])
        #expect(try await store.extractions.stageUpdateCount() == 1)
        let taken = try await Self.shown(alias, try add("Jane Street", "citsy", permissions: "32"))
        #expect(taken["content"] == .string("\"citsy\" already means Citadel; remove that alias first."))
        let listed = try await Self.shown(
            alias,
            try Self.request(
                "alias", options: [("list", 1, .null)], subcommandOptions: [("company", 3, .string("Citadel"))], permissions: "32"))
        #expect(listed["content"]?.stringValue?.contains("Citsy (added by an admin)") == true)
        #expect(
            try await store.auditLog().reversed().map { "\($0.action) \($0.target ?? "")" } == ["refused /alias add", "alias-add Citsy"])
    }
}
