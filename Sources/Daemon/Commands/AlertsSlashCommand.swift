public import Alerts
import Bot
public import Discord
import Domain
import Extraction
import Foundation
import JSON
public import Store

/// `/alerts add|list|remove|test|reset|confirm`: a member's own job alerts, answered only to them.
/// Matches come by direct message (and mail, once an address is confirmed), with 👍 / 👎 / 🚫
/// buttons whose presses come here too. Profiles are kept under the member's pseudonymous hash,
/// with their user id as the destination: a member who subscribes asks to be written to.
/// `/forget-me` removes them.
public struct AlertsSlashCommand: SlashCommand {
    public let name = "alerts"
    public var isEphemeral: Bool { true }
    let store: Store
    let hasher: AuthorHasher
    let maxProfiles: Int
    /// Sends the confirmation codes of `email:`; nil when `email.smtp_url` is not set.
    let mailer: SMTPClient?
    /// How long a mailed code can be given back.
    static let confirmationLifetime: Int64 = 30 * 60 * 1000

    public init(store: Store, hasher: AuthorHasher, maxProfiles: Int, mailer: SMTPClient? = nil) {
        self.store = store
        self.hasher = hasher
        self.maxProfiles = maxProfiles
        self.mailer = mailer
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let owner = try request.authorHash(hasher)
        switch request.options.path.dropFirst().first {
        case "add": return try await add(request, owner: owner)
        case "list": return try await list(owner: owner)
        case "remove":
            let name = request.options.string("name") ?? ""
            guard try await store.alertProfiles.removeMemberProfile(ownerHash: owner, name: name) else {
                throw CommandError(try await unknown(name, owner: owner))
            }
            return .notice("Removed the alert \(name); nothing more will be sent for it.")
        case "test": return try await test(request.options.string("name") ?? "", owner: owner)
        case "reset": return try await reset(request.options.string("name") ?? "", owner: owner)
        case "confirm": return try await confirm(request.options.string("code") ?? "", owner: owner)
        default: throw CommandError("Use /alerts add, /alerts list, /alerts remove, /alerts test, /alerts reset or /alerts confirm.")
        }
    }

    /// A 👍 / 👎 / 🚫 under an alert in a direct message ("alerts:fb:42:up"): stored for the alert
    /// it came from, and the message redrawn with the choice shown. Counts only from the member
    /// the message was sent to.
    public func press(_ request: CommandRequest) async throws -> InteractionReply {
        guard let (id, reaction) = FeedbackButton.parse(request.button.dropFirst().joined(separator: ":")) else {
            throw CommandError("This button no longer does anything.")
        }
        guard let user = request.interaction.user else { throw CommandError("This works only in a direct message.") }
        let outcome = try await AlertFeedback(store: store).record(
            notificationID: id, reaction: reaction, from: AlertDestination.discordUser(user.id.description).key,
            member: hasher.hash(user.id.description))
        switch outcome {
        case .recorded(let recorded):
            return InteractionReply(
                content: recorded.confirmation, embeds: [DiscordNotificationMessage.embed(recorded.notification)],
                components: DiscordNotificationMessage.feedbackButtons(recorded.notification, chosen: reaction))
        case .notYours: throw CommandError("This alert was sent to someone else; only they can react to it.")
        case .gone: throw CommandError("This alert, or the posting it was about, no longer exists.")
        }
    }

    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        let typed = (request.options.string(request.options.focused ?? "name") ?? "").lowercased()
        return try await store.alertProfiles.memberProfiles(ownerHash: try request.authorHash(hasher)).map(\.name)
            .filter { typed.isEmpty || $0.lowercased().contains(typed) }.prefix(25).map { ($0, $0) }
    }

    private func add(_ request: CommandRequest, owner: String) async throws -> InteractionReply {
        guard maxProfiles > 0 else { throw CommandError("Job alerts from Discord are turned off on this server.") }
        guard let user = request.interaction.user else { throw CommandError("This works only for a member of a server.") }
        let profile = try Self.profile(from: request.options)
        let address = try emailAddress(request.options)
        // Changing an alert's criteria keeps the addresses already confirmed for it.
        let confirmed =
            try await store.alertProfiles.memberProfiles(ownerHash: owner).first { $0.name == profile.name }?.destinations
            .filter { $0.hasPrefix("email:") } ?? []
        let saved = try await store.alertProfiles.saveMemberProfile(
            ownerHash: owner, name: profile.name, criteria: profile.criteria,
            destinations: [AlertDestination.discordUser(user.id.description).key] + confirmed, limit: maxProfiles)
        switch saved {
        case .limitReached(let limit):
            throw CommandError("You have \(limit) alerts already, the most one member may keep; remove one with /alerts remove first.")
        case .created, .replaced:
            var answer =
                "\(saved == .created ? "Created" : "Replaced") the alert \(profile.name): \(profile.summary).\n"
                + "Matching postings will come to you by direct message, with why they matched; "
                + "allow direct messages from this server's members to receive them. Try it with /alerts test."
            if let address { answer += "\n" + (try await requestConfirmation(of: address, for: profile.name, owner: owner)) }
            return .notice(answer)
        }
    }

    /// The `email` option, checked; nil when not given.
    private func emailAddress(_ options: InteractionOptions) throws(CommandError) -> String? {
        guard let text = options.string("email")?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard mailer != nil else { throw CommandError("Email is not set up on this server; ask an admin (email.smtp_url).") }
        guard EmailAddress.isValid(text) else { throw CommandError("\"\(Embed.cut(text, to: 60))\" is not an email address.") }
        return EmailAddress.normalized(text)
    }

    /// Mails a code to `address`: matches go there only once the member gives it back, so nobody
    /// can have mail sent to an address they cannot read.
    private func requestConfirmation(of address: String, for profile: String, owner: String) async throws -> String {
        guard let mailer else { return "" }
        let code = String(format: "%06d", Int.random(in: 0..<1_000_000))
        let now = Timestamp.now()
        guard
            try await store.alertProfiles.requestEmailConfirmation(
                ownerHash: owner, profileName: profile, address: address, code: code, expiresAt: now + Self.confirmationLifetime)
        else { return "" }
        let message = EmailNotificationMessage.confirmation(
            code: code, profile: profile, to: address, settings: mailer.settings,
            messageID: mailer.settings.messageID("confirm.\(now).\(Int.random(in: 0..<1_000_000))"),
            date: now)
        switch await mailer.send(message, to: address) {
        case .sent:
            return
                "A code is on its way to \(address): give it back with /alerts confirm within 30 minutes, and matches will be mailed there too."
        case .retryLater(_, let reason), .rejected(let reason):
            return "The code could not be mailed to \(address) (\(Embed.cut(reason, to: 200))); run /alerts add again to retry."
        }
    }

    private func confirm(_ code: String, owner: String) async throws -> InteractionReply {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard code.count == 6, code.allSatisfy(\.isNumber) else { throw CommandError("The code is the six digits from the mail.") }
        switch try await store.alertProfiles.confirmEmail(ownerHash: owner, code: code, now: Timestamp.now()) {
        case .confirmed(let profile, let address):
            return .notice("Confirmed: matches of \(profile) will also be mailed to \(address).")
        case .wrongCode(let remaining):
            throw CommandError(
                remaining > 0
                    ? "That is not the code; \(remaining) more \(remaining == 1 ? "try" : "tries") before the request is dropped."
                    : "That is not the code, and the request is dropped; run /alerts add with the email again.")
        case .expired: throw CommandError("That code has expired; run /alerts add with the email again for a new one.")
        case .nonePending: throw CommandError("No email address is waiting for a code; add one with /alerts add … email:.")
        }
    }

    private func list(owner: String) async throws -> InteractionReply {
        let profiles = try await store.alertProfiles.memberProfiles(ownerHash: owner)
        guard !profiles.isEmpty else { return .notice("You have no job alerts. Create one with /alerts add.") }
        let fields = profiles.map { profile in
            let mailed = profile.destinations.compactMap { key -> String? in
                if case .email(let address)? = AlertDestination(key: key) { address } else { nil }
            }
            let mail = mailed.isEmpty ? "" : "\nAlso mailed to " + mailed.joined(separator: ", ")
            return Embed.Field(
                profile.name, Embed.cut(AlertProfile(name: profile.name, criteria: profile.criteria).summary + mail, to: 1024))
        }
        return InteractionReply(
            embeds: [
                Embed(
                    title: "Your job alerts",
                    description: "Matches come by direct message, with 👍 / 👎 / 🚫 to tune them; /alerts reset undoes that.",
                    fields: fields, color: StatisticsEmbeds.color)
            ],
            ephemeral: true)
    }

    /// Forgets what the alert learned from its reactions: it ranks as it did before them.
    private func reset(_ name: String, owner: String) async throws -> InteractionReply {
        let stored = try await memberProfile(name, owner: owner)
        let removed = try await store.alertProfiles.resetFeedback(profileID: stored.id)
        guard removed > 0 else { return .notice("\(name) has learned nothing yet: react to its alerts with 👍, 👎 or 🚫.") }
        return .notice(
            "\(name) forgot what it learned from \(removed) reaction\(removed == 1 ? "" : "s"): "
                + "it ranks as it did before them, and no company is left out any more.")
    }

    private func memberProfile(_ name: String, owner: String) async throws -> StoredAlertProfile {
        guard let stored = try await store.alertProfiles.memberProfiles(ownerHash: owner).first(where: { $0.name == name }) else {
            throw CommandError(try await unknown(name, owner: owner))
        }
        return stored
    }

    private func test(_ name: String, owner: String) async throws -> InteractionReply {
        let stored = try await memberProfile(name, owner: owner)
        let profile = AlertProfile(name: stored.name, criteria: stored.criteria)
        let learned = try await AlertFeedback(store: store).learned(profileID: stored.id)
        let now = Timestamp.now()
        let postings = try await store.postings.list(since: profile.maxAgeDays.map { now - Int64($0) * Timestamp.millisecondsPerDay })
        let matches = ProfileDryRun.matches(profile, learned: learned, in: postings, now: now)
        let learnedText = learned.summaryLines.isEmpty ? "" : "\n" + learned.summaryLines.joined(separator: "\n")
        guard !matches.isEmpty else {
            return .notice(
                "None of the \(postings.count) stored postings matches \(name) (\(profile.summary)). Nothing was sent." + learnedText)
        }
        let fields = matches.prefix(5).map { posting, match in
            let headline = posting.headline
            let link = posting.url.map { "\n\($0)" } ?? ""
            return Embed.Field(
                Embed.cut(headline, to: 256),
                Embed.cut("score \(String(format: "%.2f", match.score)): \(match.reasons.joined(separator: "; "))\(link)", to: 1024))
        }
        return InteractionReply(
            embeds: [
                Embed(
                    title: "What \(Embed.cut(name, to: 40)) would send",
                    description: "\(matches.count) of \(postings.count) stored postings match. Nothing was sent." + learnedText,
                    fields: Array(fields), footer: matches.count > 5 ? "The best 5 shown" : nil, color: StatisticsEmbeds.color)
            ],
            ephemeral: true)
    }

    private func unknown(_ name: String, owner: String) async throws -> String {
        let names = try await store.alertProfiles.memberProfiles(ownerHash: owner).map(\.name)
        return "You have no alert named \(Embed.cut(name, to: 40))"
            + (names.isEmpty ? "." : "; yours are \(names.joined(separator: ", ")).")
    }

    /// The profile the options describe. Lists are comma-separated; a skill may carry a weight
    /// ("go:3") and is normalized as postings' skills are ("Golang" → go).
    static func profile(from options: InteractionOptions) throws(CommandError) -> AlertProfile {
        let name = (options.string("name") ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 40 else { throw CommandError("An alert needs a name of at most 40 characters.") }
        func list(_ key: String) -> [String] {
            (options.string(key) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var skills: [String: Double] = [:]
        for item in list("skills") {
            let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let weight = parts.count == 2 ? Double(parts[1]) : 1
            guard let weight, weight > 0, weight <= 100, !parts[0].isEmpty else {
                throw CommandError(
                    "Skills are written as go, postgres or go:3 (a weight from 1 to 100); \"\(Embed.cut(item, to: 40))\" is neither.")
            }
            skills[SkillVocabulary.normalize(parts[0]) ?? parts[0].lowercased()] = weight
        }
        var levels: [Seniority] = []
        for written in list("levels") {
            guard let level = Seniority(rawValue: written.lowercased()) else {
                throw CommandError(
                    "Levels are \(Seniority.allCases.map(\.rawValue).joined(separator: ", ")); \"\(Embed.cut(written, to: 40))\" is none of them."
                )
            }
            levels.append(level)
        }
        let profile = AlertProfile(
            name: name, remote: options.string("remote").flatMap(AlertProfile.RemoteRequirement.init) ?? .any, locations: list("locations"),
            employmentTypes: options.string("employment_type").flatMap(EmploymentType.init).map { [$0] } ?? [],
            includeKeywords: list("keywords"),
            excludeKeywords: list("exclude"), skills: skills, minimumSalary: options.integer("min_salary").map { Int($0) },
            companies: list("companies"), excludedCompanies: [], maxAgeDays: options.integer("max_age_days").map { Int($0) },
            threshold: options.values["threshold"]?.numericValue ?? 0.5, seniority: levels)
        guard (0...1).contains(profile.threshold) else { throw CommandError("The threshold is a score from 0 to 1.") }
        return profile
    }
}
