import HiringPulseTesting
import Support
import Testing

@Suite struct TestClockTests {
    @Test func sleepersWakeOnlyWhenTimeReachesTheirDeadlineInDeadlineOrder() async throws {
        let clock = TestClock()
        let woken = WakeLog()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for seconds in [3, 1, 2] {
                group.addTask {
                    try await clock.sleep(for: .seconds(seconds))
                    await woken.append(seconds)
                }
            }
            await clock.waitForSleepers(3)
            clock.advance(by: .milliseconds(999))
            #expect(clock.sleeperDeadlines.count == 3)
            clock.advance(by: .milliseconds(1))
            #expect(clock.sleeperDeadlines == [.init(offset: .seconds(2)), .init(offset: .seconds(3))])
            try await group.next()
            #expect(await woken.values == [1])
            clock.advance(by: .seconds(5))
            try await group.waitForAll()
        }
        #expect(await woken.values.sorted() == [1, 2, 3])
        #expect(clock.elapsed == .seconds(6))
        #expect(clock.sleeperDeadlines.isEmpty)
    }

    @Test func aDeadlineAlreadyPassedReturnsAtOnce() async throws {
        let clock = TestClock()
        clock.advance(by: .seconds(10))
        try await clock.sleep(until: .init(offset: .seconds(4)))
        try await clock.sleep(for: .zero)
        #expect(clock.now == .init(offset: .seconds(10)))
    }

    @Test func cancellingASleeperThrowsAndUnparksIt() async {
        let clock = TestClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        await clock.waitForSleepers(1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperDeadlines.isEmpty)
    }

    @Test func aTaskCancelledBeforeItSleepsThrowsWithoutParking() async {
        let clock = TestClock()
        let sleeper = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(for: .seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperDeadlines.isEmpty)
    }

    @Test func waitingForASleeperDueBySkipsLaterOnes() async throws {
        let clock = TestClock()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await clock.sleep(for: .seconds(30)) }
            await clock.waitForSleepers(1)
            group.addTask { try await clock.sleep(for: .seconds(1)) }
            // Returns only once the one-second sleeper has parked, not for the thirty-second one.
            await clock.waitForSleeper(dueWithin: .seconds(1))
            #expect(clock.sleeperDeadlines == [.init(offset: .seconds(1)), .init(offset: .seconds(30))])
            clock.advance(to: .init(offset: .seconds(30)))
            try await group.waitForAll()
        }
    }

    @Test func advancingInStepsFiresAChainOfTimersOnePerStep() async throws {
        let clock = TestClock()
        let ticks = WakeLog()
        let ticker = Task {
            for tick in 1...3 {
                try await clock.sleep(for: .seconds(1))
                await ticks.append(tick)
            }
        }
        for tick in 1...3 {
            await clock.waitForSleeper(dueWithin: .seconds(1))
            clock.advance(by: .seconds(1))
            while await ticks.values.count < tick { await Task.yield() }
        }
        try await ticker.value
        #expect(await ticks.values == [1, 2, 3])
        #expect(clock.elapsed == .seconds(3))
    }
}

actor WakeLog {
    private(set) var values: [Int] = []
    func append(_ value: Int) { values.append(value) }
}
