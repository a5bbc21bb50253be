import Bot
public import Discord
public import Domain
import Extraction
import StatisticsCharts
public import Store

/// The caller's identity as the store knows it: the hash of their Discord user id.
extension CommandRequest {
    func authorHash(_ hasher: AuthorHasher) throws(CommandError) -> String {
        guard let user = interaction.user else { throw CommandError("This works only for a member of a server.") }
        return hasher.hash(user.id.description)
    }
}

/// One member's journey at one company, as `/me` shows it.
public struct MemberJourney: Sendable, Hashable {
    public var company: String
    public struct ReportedStage: Sendable, Hashable {
        public var stage: Stage
        /// The first report of it.
        public var at: Int64
    }

    /// Stages in the order first reported.
    public var stages: [ReportedStage]
    public var lastReport: Int64

    /// Quiet for longer than `days` without an offer or a rejection.
    public func isProbablyGhosted(now: Int64, days: Int) -> Bool {
        let ended = stages.contains { $0.stage == .offer || $0.stage == .rejected }
        return !ended && now - lastReport > Int64(days) * 86_400_000
    }

    /// Journeys from a member's updates, the most recently active first.
    public static func build(_ updates: [MemberUpdate], names: [Int64: String]) -> [MemberJourney] {
        var byCompany: [Int64: [MemberUpdate]] = [:]
        for update in updates { byCompany[update.companyID, default: []].append(update) }
        return byCompany.map { companyID, updates in
            var firsts: [Stage: Int64] = [:]
            for update in updates { firsts[update.stage] = min(firsts[update.stage] ?? .max, update.reportedAt) }
            let stages = firsts.map { ReportedStage(stage: $0.key, at: $0.value) }
                .sorted { ($0.at, $0.stage.precedence) < ($1.at, $1.stage.precedence) }
            return MemberJourney(
                company: names[companyID] ?? "#\(companyID)", stages: stages, lastReport: updates.map(\.reportedAt).max() ?? 0)
        }.sorted { ($1.lastReport, $0.company) < ($0.lastReport, $1.company) }
    }
}

/// `/me`: the caller's journeys, ephemeral, ten companies a page.
public struct MeSlashCommand: SlashCommand {
    public let name = "me"
    public var isEphemeral: Bool { true }
    static let pageSize = 10
    let store: Store
    let hasher: AuthorHasher
    let ghostedAfterDays: Int

    public init(store: Store, hasher: AuthorHasher, ghostedAfterDays: Int) {
        self.store = store
        self.hasher = hasher
        self.ghostedAfterDays = ghostedAfterDays
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        try await page(0, for: request)
    }

    public func press(_ request: CommandRequest) async throws -> InteractionReply {
        guard request.button.count == 3, request.button[1] == "page", let page = Int(request.button[2]) else {
            throw CommandError("This button no longer does anything; run /me again.")
        }
        return try await self.page(page, for: request)
    }

    private func page(_ number: Int, for request: CommandRequest) async throws -> InteractionReply {
        let journeys = MemberJourney.build(
            try await store.members.updates(authorHash: try request.authorHash(hasher)), names: try await store.companies.names())
        let reply = Self.render(journeys, page: number, now: Timestamp.now(), ghostedAfterDays: ghostedAfterDays)
        // The page's journeys as a timeline: the member's own, so only they see it.
        let shown = journeys.dropFirst(Self.clamped(number, count: journeys.count) * Self.pageSize).prefix(Self.pageSize)
        let timeline = StatisticsCharts.memberTimeline(
            shown.map { journey in (journey.company, journey.stages.map { (stage: $0.stage, at: $0.at) }) }, id: "me")
        return ChartAttachment.attach(timeline, named: "journeys.png", to: reply)
    }

    /// `page` kept within the pages there are.
    static func clamped(_ page: Int, count: Int) -> Int {
        min(max(0, page), max(1, (count + pageSize - 1) / pageSize) - 1)
    }

    /// The page of `journeys`, with Previous/Next buttons when there is more than one.
    public static func render(_ journeys: [MemberJourney], page: Int, now: Int64, ghostedAfterDays: Int) -> InteractionReply {
        guard !journeys.isEmpty else {
            return InteractionReply(
                content:
                    "Nothing from you yet. Post your updates (\"got the OA from JPMC\") in the watched channels and they show up here.",
                ephemeral: true)
        }
        let pages = (journeys.count + pageSize - 1) / pageSize
        let page = clamped(page, count: journeys.count)
        let ghosted = journeys.filter { $0.isProbablyGhosted(now: now, days: ghostedAfterDays) }.count
        let fields = journeys.dropFirst(page * pageSize).prefix(pageSize).map { journey in
            var value = journey.stages.map(\.stage.displayName).joined(separator: " → ")
            value += "\nlast update \(Timestamp.date(day: Timestamp.day(of: journey.lastReport)))"
            if journey.isProbablyGhosted(now: now, days: ghostedAfterDays) {
                value += "\nprobably ghosted: no news for over \(ghostedAfterDays) days"
            }
            return Embed.Field(journey.company, value)
        }
        var description = "\(journeys.count) \(journeys.count == 1 ? "company" : "companies")"
        if ghosted > 0 { description += ", \(ghosted) probably ghosted" }
        let embed = Embed(
            title: "Your journeys", description: description, fields: Array(fields),
            footer: pages > 1 ? "Page \(page + 1) of \(pages)" : nil, color: StatisticsEmbeds.color)
        let buttons =
            pages > 1
            ? [
                ActionRow([
                    ("Previous", "me:page:\(page - 1)", .secondary, page == 0),
                    ("Next", "me:page:\(page + 1)", .secondary, page == pages - 1),
                ])
            ] : []
        return InteractionReply(embeds: [embed], ephemeral: true, components: buttons)
    }
}

/// `/forget-me`: deletes everything stored about the caller, after they confirm.
public struct ForgetMeSlashCommand: SlashCommand {
    public let name = "forget-me"
    public var isEphemeral: Bool { true }
    let store: Store
    let hasher: AuthorHasher

    public init(store: Store, hasher: AuthorHasher) {
        self.store = store
        self.hasher = hasher
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let updates = try await store.members.updates(authorHash: try request.authorHash(hasher)).count
        return InteractionReply(
            content:
                "This deletes every message and stage update stored about you (\(updates) stage \(updates == 1 ? "update" : "updates")), "
                + "and nothing you post will be stored again. It cannot be undone.",
            ephemeral: true,
            components: [
                ActionRow([
                    ("Delete everything", "forget-me:confirm", .danger, false), ("Cancel", "forget-me:cancel", .secondary, false),
                ])
            ])
    }

    public func press(_ request: CommandRequest) async throws -> InteractionReply {
        switch request.button.dropFirst().first {
        case "confirm":
            // The presser is the one forgotten: only they see this ephemeral message.
            let messages = try await store.members.forget(authorHash: try request.authorHash(hasher))
            return InteractionReply(
                content: "Done: \(messages) \(messages == 1 ? "message" : "messages") and every stage update of yours are deleted, "
                    + "and nothing you post will be stored again.",
                ephemeral: true)
        case "cancel":
            return InteractionReply(content: "Nothing was deleted.", ephemeral: true)
        default:
            throw CommandError("This button no longer does anything; run /forget-me again.")
        }
    }
}
