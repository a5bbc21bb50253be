public import Alerts
import Domain
public import Store

/// What the signed links of an alert mail do (`EmailLinks`): 👍 / 👎 / 🚫 stored as the
/// address's reaction, and unsubscribe taking the address off the alert. Each asks first
/// (`prompt`) and acts on `perform`; both say nil for a link that is not valid any more.
public struct AlertMailLinks: Sendable {
    let links: EmailLinks
    let store: Store
    let hasher: AuthorHasher

    public init(links: EmailLinks, store: Store, hasher: AuthorHasher) {
        self.links = links
        self.store = store
        self.hasher = hasher
    }

    /// The link's target: the notification, where it went, and its alert and posting.
    private struct Target {
        var id: Int64
        var action: EmailLinks.Action
        var entry: OutboxEntry
        var profile: StoredAlertProfile
        var posting: JobPosting
    }

    private func target(_ token: String) async throws -> Target? {
        guard let (id, action) = links.verify(token), let entry = try await store.outbox.entry(id: id),
            entry.destination.hasPrefix("email:"), let profile = try await store.alertProfiles.profile(id: entry.profileID),
            let stored = try await store.postings.posting(id: entry.postingID)
        else { return nil }
        return Target(id: id, action: action, entry: entry, profile: profile, posting: PostingNormalizer.posting(from: stored))
    }

    /// The question a link's page asks, and its button.
    public func prompt(_ token: String) async throws -> (question: String, button: String)? {
        guard let target = try await target(token) else { return nil }
        let address = String(target.entry.destination.dropFirst("email:".count))
        let job = "“\(target.posting.headline)”"
        switch target.action {
        case .feedback(.relevant):
            return ("Mark \(job) as relevant? Jobs like it will rank higher in the alert \(target.profile.name).", "👍 Relevant")
        case .feedback(.notForMe):
            return ("Mark \(job) as not for you? Jobs like it will rank lower in the alert \(target.profile.name).", "👎 Not for me")
        case .feedback(.neverCompany):
            let company = target.posting.company ?? "this company"
            return ("Never send jobs at \(company) from the alert \(target.profile.name)?", "🚫 Never \(company)")
        case .unsubscribe:
            return ("Stop mailing the alert \(target.profile.name) to \(address)?", "Unsubscribe")
        }
    }

    /// Does what the link says; returns what was done.
    public func perform(_ token: String) async throws -> String? {
        guard let target = try await target(token) else { return nil }
        switch target.action {
        case .feedback(let reaction):
            let outcome = try await AlertFeedback(store: store).record(
                notificationID: target.id, reaction: reaction, from: target.entry.destination,
                member: hasher.hash(target.entry.destination))
            guard case .recorded(let recorded) = outcome else { return nil }
            return recorded.confirmation
        case .unsubscribe:
            let address = String(target.entry.destination.dropFirst("email:".count))
            guard try await store.alertProfiles.unsubscribe(profileID: target.profile.id, destination: target.entry.destination) != nil
            else {
                return "\(address) no longer receives the alert \(target.profile.name)."
            }
            return "Done: the alert \(target.profile.name) will mail \(address) no more."
        }
    }
}
