import Testing

@testable import HiringPulseTesting

/// The fake Discord's rules for answering interactions, without sockets or clocks.
@Suite struct FakeInteractionLedgerTests {
    let start = ContinuousClock.now

    @Test func oneCallbackWithinThreeSecondsIsTaken() {
        var ledger = FakeInteractionLedger()
        ledger.created(id: "1", token: "t", at: start)
        #expect(ledger.callback(id: "1", token: "t", at: start + .milliseconds(2_900)) == nil)
        #expect(ledger.callback(id: "1", token: "t", at: start + .milliseconds(2_950)) == .alreadyAcknowledged)
    }

    @Test func aLateOrUnknownCallbackIsAnUnknownInteraction() {
        var ledger = FakeInteractionLedger()
        ledger.created(id: "1", token: "t", at: start)
        #expect(ledger.callback(id: "1", token: "t", at: start + .milliseconds(3_100)) == .unknownInteraction)
        #expect(ledger.callback(id: "2", token: "u", at: start) == .unknownInteraction)
        #expect(ledger.callback(id: "2", token: "t", at: start) == .unknownInteraction)
        #expect(FakeInteractionLedger.Refusal.unknownInteraction.code == 10062)
        #expect(FakeInteractionLedger.Refusal.alreadyAcknowledged.code == 40060)
    }

    @Test func aReplayedEventKeepsItsFirstTime() {
        var ledger = FakeInteractionLedger()
        ledger.created(id: "1", token: "t", at: start)
        ledger.created(id: "1", token: "t", at: start + .seconds(2))
        #expect(ledger.callback(id: "1", token: "t", at: start + .milliseconds(3_500)) == .unknownInteraction)
    }

    @Test func theOriginalResponseIsEditedOnlyAfterTheCallbackAndWithinFifteenMinutes() {
        var ledger = FakeInteractionLedger()
        ledger.created(id: "1", token: "t", at: start)
        #expect(ledger.followUp(token: "t", at: start + .seconds(1)) == .unknownWebhook)
        #expect(ledger.callback(id: "1", token: "t", at: start + .seconds(1)) == nil)
        #expect(ledger.followUp(token: "t", at: start + .seconds(14 * 60)) == nil)
        #expect(ledger.followUp(token: "t", at: start + .seconds(15 * 60 + 1)) == .invalidWebhookToken)
        #expect(ledger.followUp(token: "other", at: start) == .unknownWebhook)
    }
}
