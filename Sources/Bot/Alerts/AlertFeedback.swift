public import Alerts
import Domain
public import Logging
public import Store
import Support

/// Records what members say of the alerts they were sent (👍 / 👎 / 🚫 on a Discord direct message
/// or a Telegram message) and turns the stored reactions into what each profile learned.
///
/// A reaction names the notification (its outbox row), and counts only from where that
/// notification went: the member it was a direct message to, the Telegram chat it was sent to.
/// Nobody can teach someone else's alert by forging a button.
public struct AlertFeedback: Sendable {
    let store: Store
    let logger: Logger

    public init(store: Store, logger: Logger = Logger(label: "hiringpulse.feedback")) {
        self.store = store
        self.logger = logger
    }

    /// What pressing a button did.
    public enum Outcome: Sendable, Hashable {
        case recorded(Recorded)
        /// The notification was not sent to where the press came from.
        case notYours
        /// The notification, its posting or its profile no longer exists.
        case gone
    }

    public struct Recorded: Sendable, Hashable {
        public var reaction: FeedbackReaction
        /// The alert as it was sent, to redraw it with the choice shown.
        public var notification: AlertNotification
        /// Whether the profile is a member's own (`/alerts reset` undoes it) or the configuration's.
        public var isMemberProfile: Bool

        /// What the member is told: "Noted: jobs like this one (go, backend) will rank higher in
        /// backend. /alerts reset backend undoes it."
        public var confirmation: String {
            let profile = notification.profileName
            let terms = FeedbackTerms(posting: notification.posting).all.prefix(3).joined(separator: ", ")
            let like = terms.isEmpty ? "jobs like this one" : "jobs like this one (\(terms))"
            let effect =
                switch reaction {
                case .relevant: "\(like) will rank higher in \(profile)"
                case .notForMe: "\(like) will rank lower in \(profile)"
                case .neverCompany: "\(profile) will send nothing more from \(notification.posting.company ?? "this company")"
                }
            let undo =
                isMemberProfile ? "/alerts reset \(profile) undoes it." : "An admin can undo it with hiringpulse alerts reset \(profile)."
            return "Noted: \(effect). \(undo)"
        }
    }

    /// Stores `reaction` to notification `notificationID` by `member` (a pseudonymous hash),
    /// pressed from `destination` (`discord_dm:<user>`, `telegram:<chat>`).
    public func record(
        notificationID: Int64, reaction: FeedbackReaction, from destination: String, member: String, now: Int64 = Timestamp.now()
    ) async throws -> Outcome {
        guard let entry = try await store.outbox.entry(id: notificationID) else { return .gone }
        guard entry.destination == destination else { return .notYours }
        guard let stored = try await store.postings.posting(id: entry.postingID),
            let profile = try await store.alertProfiles.profile(id: entry.profileID)
        else { return .gone }
        let posting = PostingNormalizer.posting(from: stored)
        let terms = FeedbackTerms(posting: posting)
        try await store.alertProfiles.saveFeedback(
            StoredFeedback(
                profileID: profile.id, memberHash: member, postingID: stored.id, reaction: reaction.rawValue, skills: terms.skills,
                titleWords: terms.titleWords, company: posting.company, createdAt: now))
        let notification = AlertNotification(
            posting: posting, profileName: profile.name, match: MatchResult(score: entry.score, reasons: entry.reasons),
            feedbackID: notificationID)
        return .recorded(Recorded(reaction: reaction, notification: notification, isMemberProfile: profile.source == "discord"))
    }

    /// What every profile learned, by profile id.
    public func learned() async throws -> [Int64: LearnedPreferences] {
        try await store.alertProfiles.feedback().mapValues(Self.learned)
    }

    /// What one profile learned.
    public func learned(profileID: Int64) async throws -> LearnedPreferences {
        Self.learned(try await store.alertProfiles.feedback(profileID: profileID))
    }

    static func learned(_ stored: [StoredFeedback]) -> LearnedPreferences {
        LearnedPreferences(
            stored.compactMap { item in
                FeedbackReaction(rawValue: item.reaction).map {
                    PostingFeedback(
                        reaction: $0, terms: FeedbackTerms(skills: item.skills, titleWords: item.titleWords), company: item.company)
                }
            })
    }

    /// A press on a Telegram alert's keyboard (`TelegramUpdatePoller`'s handler): stored as from
    /// the chat the alert went to, by the member who pressed (their Telegram id, hashed as
    /// Discord's are), and the keyboard redrawn with the choice marked. Returns the text Telegram
    /// shows the member.
    public func telegramPress(_ query: TelegramCallbackQuery, client: TelegramClient, hasher: AuthorHasher) async -> String? {
        guard let data = query.data, let (id, reaction) = FeedbackButton.parse(data) else {
            return "This button no longer does anything."
        }
        guard let chat = query.chatID else { return "This button no longer does anything." }
        let outcome: Outcome
        do {
            outcome = try await record(
                notificationID: id, reaction: reaction, from: AlertDestination.telegram(chatID: String(chat)).key,
                member: hasher.hash("telegram:\(query.fromUserID)"))
        } catch {
            logger.error("storing a Telegram feedback press failed: \(error)")
            return "That did not work; try again in a moment."
        }
        switch outcome {
        case .recorded(let recorded):
            if let message = query.messageID {
                let keyboard = TelegramMessage.feedbackKeyboard(recorded.notification, chosen: reaction)
                if case .rejected(let reason) = await client.editMessageReplyMarkup(
                    chatID: String(chat), messageID: message, keyboard: keyboard)
                {
                    logger.warning("could not mark the choice on a Telegram alert: \(reason)")
                }
            }
            return recorded.confirmation
        case .notYours: return "This alert was sent to another chat; only its members can react to it."
        case .gone: return "This alert, or the posting it was about, no longer exists."
        }
    }
}
