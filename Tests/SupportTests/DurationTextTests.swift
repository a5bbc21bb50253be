import Support
import Testing

/// Waits and timeouts in logs and messages: never more than two decimals.
@Suite struct DurationTextTests {
    @Test func shortText() {
        #expect(Duration.milliseconds(547).shortText == "547 ms")
        #expect(Duration.nanoseconds(547_033_833).shortText == "547 ms")
        #expect(Duration.milliseconds(1500).shortText == "1.5 s")
        #expect(Duration.milliseconds(2254).shortText == "2.25 s")
        #expect(Duration.milliseconds(1005).shortText == "1.01 s")
        #expect(Duration.milliseconds(1999).shortText == "2 s")
        #expect(Duration.seconds(30).shortText == "30 s")
        #expect(Duration.zero.shortText == "0 ms")
        #expect(Duration.milliseconds(-250).shortText == "-250 ms")
    }

    @Test func secondsAsAServerSendsThem() {
        #expect(Duration.shortText(seconds: 0.347) == "347 ms")
        #expect(Duration.shortText(seconds: 1.2341) == "1.23 s")
        #expect(Duration.shortText(seconds: 0.5470338334293489) == "547 ms")
    }

    /// A wait as it is added to a time in Unix milliseconds.
    @Test func roundedMilliseconds() {
        #expect(Duration.seconds(900).roundedMilliseconds == 900_000)
        #expect(Duration.seconds(0.347).roundedMilliseconds == 347)
        #expect(Duration.nanoseconds(547_533_833).roundedMilliseconds == 548)
        #expect(Duration.nanoseconds(1_499_999).roundedMilliseconds == 1)
        #expect(Duration.milliseconds(-1500).roundedMilliseconds == -1500)
        #expect(Duration.zero.roundedMilliseconds == 0)
    }
}
