import Foundation
import HiringPulseTesting
import JSON
import Store
import Testing

/// Reactions as the store keeps them: the latest per member, profile and posting; gone with the
/// profile, with a reset and with /forget-me.
@Suite struct AlertFeedbackStoreTests {
    static func reaction(_ reaction: String, posting: Int64, member: String = "member", profile: Int64, at time: Int64 = 0)
        -> StoredFeedback
    {
        StoredFeedback(
            profileID: profile, memberHash: member, postingID: posting, reaction: reaction, skills: ["go"], titleWords: ["backend"],
            company: "Acme", createdAt: time)
    }

    @Test func aMemberChangingTheirMindReplacesTheirReaction() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("feedback.sqlite"))
        _ = try await store.alertProfiles.saveMemberProfile(
            ownerHash: "member", name: "go", criteria: .object([]), destinations: ["discord_dm:1"], limit: 5)
        let profile = try #require(try await store.alertProfiles.memberProfiles(ownerHash: "member").first?.id)
        try await store.alertProfiles.saveFeedback(Self.reaction("relevant", posting: 1, profile: profile, at: 1))
        try await store.alertProfiles.saveFeedback(Self.reaction("not_for_me", posting: 1, profile: profile, at: 2))
        try await store.alertProfiles.saveFeedback(Self.reaction("relevant", posting: 1, member: "other", profile: profile, at: 3))
        let stored = try await store.alertProfiles.feedback(profileID: profile)
        #expect(stored.map(\.reaction) == ["not_for_me", "relevant"])
        #expect(stored.first?.skills == ["go"] && stored.first?.titleWords == ["backend"] && stored.first?.company == "Acme")
        #expect(try await store.alertProfiles.feedback()[profile]?.count == 2)

        // /forget-me takes the member's reactions, also those to alerts that are not theirs.
        try await store.members.forget(authorHash: "other")
        #expect(try await store.alertProfiles.feedback(profileID: profile).map(\.memberHash) == ["member"])
        #expect(try await store.alertProfiles.resetFeedback(profileID: profile) == 1)
        #expect(try await store.alertProfiles.feedback(profileID: profile).isEmpty)

        // Removing the alert takes what it learned.
        try await store.alertProfiles.saveFeedback(Self.reaction("relevant", posting: 2, profile: profile))
        #expect(try await store.alertProfiles.removeMemberProfile(ownerHash: "member", name: "go"))
        #expect(try await store.alertProfiles.feedback().isEmpty)
    }

    @Test func aProfileKeepsItsNewestReactions() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try Store.open(path: directory.file("feedback.sqlite"))
        let ids = try await store.alertProfiles.syncConfigured([(name: "go", criteria: .object([]), destinations: ["telegram:1"])])
        let profile = try #require(ids["go"])
        for posting in 1...Int64(AlertProfileStore.feedbackKept + 5) {
            try await store.alertProfiles.saveFeedback(Self.reaction("relevant", posting: posting, profile: profile, at: posting))
        }
        let kept = try await store.alertProfiles.feedback(profileID: profile)
        #expect(kept.count == AlertProfileStore.feedbackKept)
        #expect(kept.first?.postingID == 6 && kept.last?.postingID == Int64(AlertProfileStore.feedbackKept + 5))
        // A reaction that is not one of the three is refused by the schema.
        await #expect(throws: (any Error).self) {
            try await store.alertProfiles.saveFeedback(Self.reaction("meh", posting: 1, profile: profile))
        }
    }
}
