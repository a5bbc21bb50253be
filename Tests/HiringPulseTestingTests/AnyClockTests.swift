import HiringPulseTesting
import Support
import Testing

@Suite struct AnyClockTests {
    @Test func readsAndSleepsOnTheClockItWraps() async throws {
        let manual = TestClock()
        manual.advance(by: .seconds(100))
        let clock = AnyClock(manual)
        // Instants count from the moment it was wrapped.
        #expect(clock.now == .init(offset: .zero))
        manual.advance(by: .seconds(2))
        #expect(clock.now == .init(offset: .seconds(2)))
        let sleeper = Task { try await clock.sleep(until: .init(offset: .seconds(5))) }
        await manual.waitForSleepers(1)
        #expect(manual.sleeperDeadlines == [.init(offset: .seconds(105))])
        manual.advance(by: .seconds(3))
        try await sleeper.value
        #expect(clock.now.offset == .seconds(5))
    }

    @Test func wrappingAnAnyClockKeepsItsInstants() {
        let manual = TestClock()
        let clock = AnyClock(manual)
        manual.advance(by: .seconds(1))
        // As a shell hands its clock to a worker that takes `some Clock<Duration>`.
        func handedOn(_ clock: some Clock<Duration>) -> AnyClock { AnyClock(clock) }
        #expect(handedOn(clock).now == clock.now)
        #expect(handedOn(clock).now == .init(offset: .seconds(1)))
    }
}
