import Discord
import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// Slash commands answered by the real `hiringpulse run`, read back from the REST calls it made to
/// the fake Discord, as a member would see them.
@Suite(.timeLimit(.minutes(2))) struct DaemonSlashCommandTests {
    typealias E2E = DaemonEndToEndTests
    static let callbackRoute = "POST /interactions/{interaction.id}/{interaction.token}/callback"
    static let member = Snowflake(rawValue: 1_200_000_000_000_000_009)

    /// Sends a slash command (or its autocomplete) and returns the callback body the bot posted.
    static func ask(
        _ discord: FakeDiscord, _ daemon: DaemonProcess, _ number: Int, command: String,
        options: [(name: String, type: Int, value: JSONValue)] = [], focused: String? = nil, permissions: String = "0",
        roles: [Snowflake] = [], subcommandOptions: [(name: String, type: Int, value: JSONValue)] = []
    ) async throws -> JSONValue {
        let id = Snowflake(rawValue: 1_400_000_000_000_000_000 + UInt64(number))
        return try await send(
            FakeDiscordPayloads.interaction(
                id: id, token: "interaction-token-\(number)", command: command, options: options, focused: focused,
                type: focused == nil ? 2 : 4, guildID: E2E.guild, channelID: E2E.channel, userID: member, permissions: permissions,
                roles: roles, subcommandOptions: subcommandOptions), id: id, to: discord, daemon)
    }

    /// Presses a button of the bot's and returns the callback body.
    static func press(
        _ discord: FakeDiscord, _ daemon: DaemonProcess, _ number: Int, button: String, permissions: String = "0"
    ) async throws -> JSONValue {
        let id = Snowflake(rawValue: 1_400_000_000_000_000_000 + UInt64(number))
        return try await send(
            FakeDiscordPayloads.buttonPress(
                id: id, token: "interaction-token-\(number)", customID: button, guildID: E2E.guild, channelID: E2E.channel, userID: member,
                permissions: permissions), id: id, to: discord, daemon)
    }

    static func send(_ interaction: JSONValue, id: Snowflake, to discord: FakeDiscord, _ daemon: DaemonProcess) async throws -> JSONValue {
        await discord.gateway.dispatch("INTERACTION_CREATE", interaction)
        var body: JSONValue?
        try await daemon.eventually("the answer to interaction \(id)") {
            let calls = await discord.rest.requests(route: callbackRoute).filter { $0.target.contains("/\(id)/") }
            body = calls.first?.payload
            return body != nil
        }
        guard let deferred = body?["type"]?.integerValue, deferred == 5 || deferred == 6 else { return body! }
        // Acknowledged first, as on a slow machine: what the member sees is the edit that follows,
        // with the acknowledgement's flags (ephemeral).
        let token = interaction["token"]?.stringValue ?? "?"
        var edit: JSONValue?
        try await daemon.eventually("the edit answering interaction \(id)") {
            let edits = await discord.rest.requests(route: "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original")
            edit = edits.last { $0.target.contains("/\(token)/") }?.payload
            return edit != nil
        }
        guard case .object(var data)? = edit else { return edit! }
        if let flags = body?["data"]?["flags"], !data.contains(where: { $0.0 == "flags" }) { data.append(("flags", flags)) }
        return .object([("type", .integer(deferred == 5 ? 4 : 7)), ("data", .object(data))])
    }

    /// The message that answered interaction `id` with a file (the callback, or the edit after an
    /// acknowledgement): its payload, its files, and when it arrived.
    static func answerWithFiles(
        _ discord: FakeDiscord, id: Snowflake, token: String
    ) async -> (payload: JSONValue, files: [FakeUploadedFile], at: ContinuousClock.Instant)? {
        let callbacks = await discord.rest.requests(route: callbackRoute).filter { $0.target.contains("/\(id)/") }
        let edits = await discord.rest.requests(route: "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original")
            .filter { $0.target.contains("/\(token)/") }
        guard let answer = (callbacks + edits).first(where: { !$0.files.isEmpty }), let payload = answer.payload else { return nil }
        return (payload, answer.files, answer.at)
    }

    static func fieldValues(_ answer: JSONValue) -> [String] {
        answer["data"]?["embeds"]?.arrayValue?.first?["fields"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []
    }

    @Test func membersGetTheirStatisticsFieldByField() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let daemon = try DaemonProcess(in: cli.directory, environment: E2E.environment(discord))
            try await daemon.eventually("the commands to be registered and the gateway to identify") {
                let registrations = await discord.rest.requests(route: "PUT /applications/{application.id}/commands").count
                let identifies = await discord.gateway.identifies.count
                return registrations == 1 && identifies == 1
            }
            let registered = try JSONParser.parse(
                try #require(await discord.rest.requests(route: "PUT /applications/{application.id}/commands").first).body)
            #expect(
                registered.arrayValue?.compactMap { $0["name"]?.stringValue }.sorted() == [
                    "alerts", "alias", "correct", "forget-me", "help", "jobs", "me", "reclassify", "stats", "top", "trends",
                ])

            let store = try E2E.store(cli)
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(1, "got the OA from JPMC today", author: 1))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(2, "JPMC superday next week!", author: 2))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(3, "Citadel OA done", author: 3))
            try await daemon.eventually("three updates") { await (try? E2E.updates(store))?.count == 3 }

            let stats = try await Self.ask(discord, daemon, 1, command: "stats", options: [("company", 3, .string("jpmc"))])
            #expect(stats["type"] == .integer(4))
            let embed = try #require(stats["data"]?["embeds"]?.arrayValue?.first)
            #expect(embed["title"] == .string("JPMorgan Chase: recruiting funnel"))
            #expect(embed["description"] == .string("**2** journeys (one member at one company)"))
            #expect(
                Self.fieldValues(stats).prefix(2) == [
                    "Applied: **2** (2 implied)\nOA: **2** (1 implied)\nPhone/R1: **1** (1 implied)\nOnsite/Final: **1**\nOffer: **0**\nRejected: **0**",
                    "Applied → OA: 100%\nOA → Phone/R1: 50%\nPhone/R1 → Onsite/Final: 100%\nOnsite/Final → Offer: 0%\nApplied → Offer: 0%\nOA → Offer: 0%\nPhone/R1 → Offer: 0%",
                ])
            #expect(stats["data"]?["flags"] == nil)

            let suggestions = try await Self.ask(
                discord, daemon, 2, command: "stats", options: [("company", 3, .string("cit"))], focused: "company")
            #expect(suggestions["type"] == .integer(8))
            let names = suggestions["data"]?["choices"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.first == "Citadel")
            #expect(names.contains("Citadel Securities"))

            let typo = try await Self.ask(discord, daemon, 3, command: "stats", options: [("company", 3, .string("Citadell"))])
            #expect(typo["data"]?["flags"] == .integer(64))
            #expect(typo["data"]?["content"]?.stringValue?.contains("Did you mean Citadel") == true)

            // Reports, not implied stages: the superday implies an OA at JPMC but does not report one.
            let top = try await Self.ask(discord, daemon, 4, command: "top", options: [("stage", 3, .string("oa"))])
            #expect(
                top["data"]?["embeds"]?.arrayValue?.first?["description"]
                    == .string(
                        "OA reports of all time\n\n1. **Citadel**: 1\n2. **JPMorgan Chase**: 1"))
            let overall = try await Self.ask(discord, daemon, 7, command: "top")
            #expect(
                overall["data"]?["embeds"]?.arrayValue?.first?["description"]
                    == .string(
                        "Reports of all time\n\n1. **JPMorgan Chase**: 2\n2. **Citadel**: 1"))

            let outOfRange = try await Self.ask(discord, daemon, 5, command: "trends", options: [("days", 4, .integer(3))])
            #expect(outOfRange["data"]?["content"] == .string("days must be between 7 and 365."))
            #expect(outOfRange["data"]?["flags"] == .integer(64))

            let help = try await Self.ask(discord, daemon, 6, command: "help")
            #expect(help["data"]?["flags"] == .integer(64))
            let usages = help["data"]?["embeds"]?.arrayValue?.first?["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(
                usages == [
                    "/alerts add <name> [skills] [remote] [min_salary] [locations] [keywords] [exclude] [companies] [employment_type] [levels] [max_age_days] [threshold] [email]"
                        + "\n/alerts list\n/alerts remove <name>\n/alerts test <name>\n/alerts reset <name>\n/alerts confirm <code>",
                    "/alias add <company> <alias>\n/alias remove <alias>\n/alias list <company>\n/alias suggest [min_members] (admins)",
                    "/correct <message> <company> <stage> (admins)", "/forget-me", "/help",
                    "/jobs [query] [remote] [company] [max_age_days]", "/me", "/reclassify [message] [scope] (admins)", "/stats [company]",
                    "/top [stage] [days] [company]",
                    "/trends [stage] [days] [company]",
                ])

            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
            // Unchanged commands are not registered again.
            let again = try DaemonProcess(in: cli.directory, environment: E2E.environment(discord), name: "again")
            try await again.eventually("the restart to resume") { await discord.gateway.resumes.count == 1 }
            // Registration is decided once the application is read; the daemon says what it decided.
            try await again.eventually("the registration to be judged") { again.log.contains("slash commands unchanged") }
            #expect(await discord.rest.requests(route: "PUT /applications/{application.id}/commands").count == 1)
            again.signal(SIGTERM)
            #expect(await again.waitForExit() == 0, "\(again.log)")
        }
    }

    @Test func aMemberSeesTheirJourneysAndCanBeForgotten() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await E2E.start(cli, discord)
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(1, "got the OA from JPMC today", author: 9))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(2, "Citadel superday friday", author: 9))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(3, "offer from Stripe!!", author: 1))
            try await daemon.eventually("three updates") { await (try? E2E.updates(store))?.count == 3 }

            let me = try await Self.ask(discord, daemon, 1, command: "me")
            #expect(me["data"]?["flags"] == .integer(64))
            let embed = try #require(me["data"]?["embeds"]?.arrayValue?.first)
            #expect(embed["title"] == .string("Your journeys"))
            #expect(embed["description"] == .string("2 companies"))
            let day = { (offset: Int) in Timestamp.date(day: Timestamp.day(of: E2E.snowflake(offset).unixMilliseconds)) }
            #expect(
                embed["fields"]?.arrayValue?.map { "\($0["name"]?.stringValue ?? "") | \($0["value"]?.stringValue ?? "")" } == [
                    "Citadel | Onsite/Final\nlast update \(day(2))", "JPMorgan Chase | OA\nlast update \(day(1))",
                ])

            let asked = try await Self.ask(discord, daemon, 2, command: "forget-me")
            #expect(asked["data"]?["flags"] == .integer(64))
            #expect(asked["data"]?["content"]?.stringValue?.contains("(2 stage updates)") == true)
            let confirmed = try await Self.press(discord, daemon, 3, button: "forget-me:confirm")
            #expect(confirmed["type"] == .integer(7))
            #expect(confirmed["data"]?["content"]?.stringValue?.hasPrefix("Done: 2 messages") == true)
            await #expect(try E2E.updates(store) == ["Stripe offer"])

            // Nothing of theirs is stored again, and /me has nothing to show.
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(4, "Databricks offer!!", author: 9))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(5, "Jane Street OA", author: 1))
            try await daemon.eventually("the other member's update") { await (try? E2E.updates(store))?.count == 2 }
            await #expect(try E2E.updates(store) == ["Stripe offer", "Jane Street oa"])
            let empty = try await Self.ask(discord, daemon, 4, command: "me")
            #expect(empty["data"]?["content"]?.stringValue?.hasPrefix("Nothing from you yet") == true)
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    @Test func onlyAdminsReclassifyAndEveryCallIsAudited() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let adminRole = Snowflake(rawValue: 1_500_000_000_000_000_001)
        try await FakeDiscord.withRunning { discord in
            var environment = E2E.environment(discord)
            environment["HIRINGPULSE_DISCORD_ADMIN_ROLE_IDS"] = "\(adminRole)"
            let (daemon, store) = try await E2E.start(cli, discord, environment: environment)
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(1, "got the OA from JPMC today", author: 2))
            try await daemon.eventually("the update") { await (try? E2E.updates(store))?.count == 1 }
            let link = "https://discord.com/channels/\(E2E.guild)/\(E2E.channel)/\(E2E.snowflake(1))"

            // Discord would hide the command from this member; the bot refuses it anyway.
            let refused = try await Self.ask(discord, daemon, 1, command: "reclassify", options: [("message", 3, .string(link))])
            #expect(refused["data"]?["flags"] == .integer(64))
            #expect(refused["data"]?["content"] == .string("This command is for server admins (Manage Server, or an admin role)."))

            let byPermission = try await Self.ask(
                discord, daemon, 2, command: "reclassify", options: [("message", 3, .string(link))], permissions: "32")
            let embed = try #require(byPermission["data"]?["embeds"]?.arrayValue?.first)
            #expect(embed["title"] == .string("Reclassified message \(E2E.snowflake(1))"))
            #expect(embed["fields"]?.arrayValue?.map { $0["value"]?.stringValue ?? "" } == ["JPMorgan Chase: OA", "JPMorgan Chase: OA"])
            let byRole = try await Self.ask(
                discord, daemon, 3, command: "reclassify", options: [("message", 3, .string("\(E2E.snowflake(1))"))], roles: [adminRole])
            #expect(byRole["data"]?["embeds"]?.arrayValue?.first?["title"] == .string("Reclassified message \(E2E.snowflake(1))"))
            let unknown = try await Self.ask(
                discord, daemon, 4, command: "reclassify", options: [("message", 3, .string("not a message"))], permissions: "8")
            #expect(unknown["data"]?["content"]?.stringValue?.hasPrefix("Give a message id") == true)

            await #expect(try E2E.updates(store) == ["JPMorgan Chase oa"])

            // A manual label wins over extraction, now and on the next reclassification.
            let corrected = try await Self.ask(
                discord, daemon, 5, command: "correct",
                options: [("message", 3, .string(link)), ("company", 3, .string("citadel")), ("stage", 3, .string("onsite"))],
                permissions: "32")
            #expect(
                corrected["data"]?["content"]
                    == .string(
                        "Message \(E2E.snowflake(1)) now counts as Citadel: Onsite/Final (was JPMorgan Chase: OA). Later extractions keep this label."
                    ))
            await #expect(try E2E.updates(store) == ["Citadel onsite"])
            let again = try await Self.ask(
                discord, daemon, 6, command: "reclassify", options: [("message", 3, .string(link))], permissions: "32")
            #expect(
                again["data"]?["embeds"]?.arrayValue?.first?["fields"]?.arrayValue?.map { $0["value"]?.stringValue ?? "" }
                    == ["Citadel: Onsite/Final", "Citadel: Onsite/Final"])
            await #expect(try E2E.updates(store) == ["Citadel onsite"])
            let notAdmin = try await Self.ask(
                discord, daemon, 7, command: "correct",
                options: [("message", 3, .string(link)), ("company", 3, .string("jpmc")), ("stage", 3, .string("offer"))])
            #expect(notAdmin["data"]?["content"] == .string("This command is for server admins (Manage Server, or an admin role)."))
            await #expect(try E2E.updates(store) == ["Citadel onsite"])

            // Many at once: an immediate answer with a progress bar and Cancel, then the result edited in.
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(2, "Jane Street OA done", author: 3))
            try await daemon.eventually("the second update") { await (try? E2E.updates(store))?.count == 2 }
            let bulk = try await Self.ask(
                discord, daemon, 8, command: "reclassify", options: [("scope", 3, .string("all"))], permissions: "32")
            #expect(
                bulk["data"]?["content"] == .string("Reclassifying 2 messages (all)\n`[                    ] 0% (0/2)`"), "\(daemon.log)")
            #expect(
                bulk["data"]?["components"]?.arrayValue?.first?["components"]?.arrayValue?.first?["custom_id"]
                    == .string("reclassify:cancel:1"))
            var final: JSONValue?
            try await daemon.eventually("the result to be edited in") {
                let edits = await discord.rest.requests(route: "PATCH /webhooks/{application.id}/{interaction.token}/messages/@original")
                final = try edits.last.map { try JSONParser.parse($0.body) }
                return final?["content"]?.stringValue?.hasPrefix("Reclassified") == true
            }
            #expect(final?["content"] == .string("Reclassified 2 messages (all): 2 done, 0 failed, 0 to retry, 1 stage update written."))
            await #expect(try E2E.updates(store) == ["Citadel onsite", "Jane Street oa"])
            let late = try await Self.press(discord, daemon, 9, button: "reclassify:cancel:1", permissions: "32")
            #expect(late["data"]?["content"] == .string("That reclassification has already ended."))
            let badScope = try await Self.ask(
                discord, daemon, 10, command: "reclassify", options: [("scope", 3, .string("yesterday"))], permissions: "32")
            #expect(badScope["data"]?["content"]?.stringValue?.hasPrefix("\"yesterday\" is not a scope") == true)

            let audit = try await store.auditLog().reversed().map { "\($0.action) \($0.target ?? "")" }
            let message = "message \(E2E.snowflake(1))"
            #expect(
                audit == [
                    "refused /reclassify", "reclassify \(message)", "reclassify \(message)", "correct \(message)", "reclassify \(message)",
                    "refused /correct", "reclassify scope all",
                ])
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }

    @Test func anAliasAddedByAnAdminCountsFromTheNextMessage() async throws {
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        try await FakeDiscord.withRunning { discord in
            let (daemon, store) = try await E2E.start(cli, discord)
            let added = try await Self.ask(
                discord, daemon, 1, command: "alias", options: [("add", 1, .null)], permissions: "32",
                subcommandOptions: [("company", 3, .string("citadel")), ("alias", 3, .string("Citsy"))])
            #expect(added["data"]?["content"] == .string("\"Citsy\" now means Citadel."))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(1, "got the OA from citsy today", author: 2))
            try await daemon.eventually("the update") { await (try? E2E.updates(store)) == ["Citadel oa"] }

            let taken = try await Self.ask(
                discord, daemon, 2, command: "alias", options: [("add", 1, .null)], permissions: "32",
                subcommandOptions: [("company", 3, .string("Jane Street")), ("alias", 3, .string("citsy"))])
            #expect(taken["data"]?["content"] == .string("\"citsy\" already means Citadel; remove that alias first."))
            let listed = try await Self.ask(
                discord, daemon, 3, command: "alias", options: [("list", 1, .null)], permissions: "32",
                subcommandOptions: [("company", 3, .string("Citadel"))])
            #expect(listed["data"]?["content"]?.stringValue?.contains("Citsy (added by an admin)") == true)
            let removed = try await Self.ask(
                discord, daemon, 4, command: "alias", options: [("remove", 1, .null)], permissions: "32",
                subcommandOptions: [("alias", 3, .string("Citsy"))])
            #expect(
                removed["data"]?["content"] == .string("\"Citsy\" is no longer an alias. What it already counted stays with its company."))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(2, "citsy superday friday", author: 3))
            await discord.gateway.dispatch("MESSAGE_CREATE", E2E.message(3, "HRT OA done", author: 3))
            try await daemon.eventually("the next update") { await (try? E2E.updates(store))?.count == 2 }
            await #expect(try E2E.updates(store) == ["Citadel oa", "Hudson River Trading oa"])
            let audit = try await store.auditLog().reversed().map { "\($0.action) \($0.target ?? "")" }
            #expect(audit == ["alias-add Citsy", "alias-remove Citsy"])
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit() == 0, "\(daemon.log)")
        }
    }
}
