import Foundation
import GRDB
import HiringPulseTesting
import JSON
import Store
import Testing

/// The codes that confirm a member's email address for an alert.
@Suite struct EmailConfirmationTests {
    static func store(_ directory: TemporaryDirectory) async throws -> Store {
        let store = try Store.open(path: directory.file("confirm.sqlite"))
        _ = try await store.alertProfiles.saveMemberProfile(
            ownerHash: "member", name: "go", criteria: .object([]), destinations: ["discord_dm:1"], limit: 5)
        return store
    }

    @Test func theRightCodeAddsTheAddressOnceAndIsUsedUp() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await Self.store(directory)
        #expect(try await store.alertProfiles.confirmEmail(ownerHash: "member", code: "123456", now: 0) == .nonePending)
        #expect(
            try await store.alertProfiles.requestEmailConfirmation(
                ownerHash: "member", profileName: "go", address: "me@example.org", code: "123456", expiresAt: 1_000))
        #expect(
            try await !store.alertProfiles.requestEmailConfirmation(
                ownerHash: "someone else", profileName: "go", address: "me@example.org", code: "123456", expiresAt: 1_000))
        #expect(try await store.alertProfiles.confirmEmail(ownerHash: "member", code: "654321", now: 10) == .wrongCode(remaining: 4))
        #expect(
            try await store.alertProfiles.confirmEmail(ownerHash: "member", code: "123456", now: 20)
                == .confirmed(profile: "go", address: "me@example.org"))
        #expect(
            try await store.alertProfiles.memberProfiles(ownerHash: "member").first?.destinations == [
                "discord_dm:1", "email:me@example.org",
            ])
        #expect(try await store.alertProfiles.confirmEmail(ownerHash: "member", code: "123456", now: 30) == .nonePending)
    }

    @Test func fiveWrongCodesOrTooLateDropTheRequest() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await Self.store(directory)
        _ = try await store.alertProfiles.requestEmailConfirmation(
            ownerHash: "member", profileName: "go", address: "me@example.org", code: "123456", expiresAt: 1_000)
        for remaining in [4, 3, 2, 1, 0] {
            #expect(
                try await store.alertProfiles.confirmEmail(ownerHash: "member", code: "000000", now: 10) == .wrongCode(remaining: remaining)
            )
        }
        #expect(try await store.alertProfiles.confirmEmail(ownerHash: "member", code: "123456", now: 10) == .nonePending)
        _ = try await store.alertProfiles.requestEmailConfirmation(
            ownerHash: "member", profileName: "go", address: "me@example.org", code: "123456", expiresAt: 1_000)
        #expect(try await store.alertProfiles.confirmEmail(ownerHash: "member", code: "123456", now: 1_001) == .expired)
        #expect(try await store.alertProfiles.memberProfiles(ownerHash: "member").first?.destinations == ["discord_dm:1"])
    }

    @Test func forgettingTheMemberForgetsTheirWaitingAddress() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await Self.store(directory)
        _ = try await store.alertProfiles.requestEmailConfirmation(
            ownerHash: "member", profileName: "go", address: "me@example.org", code: "123456", expiresAt: 1_000)
        try await store.members.forget(authorHash: "member")
        #expect(try await store.alertProfiles.confirmEmail(ownerHash: "member", code: "123456", now: 10) == .nonePending)
        let left = try await DatabaseQueue(path: directory.file("confirm.sqlite")).read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM email_confirmations")
        }
        #expect(left == 0)
    }
}
