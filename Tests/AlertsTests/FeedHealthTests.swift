import Alerts
import Foundation
import JSON
import Testing

/// The source-health state machine: when a feed is unhealthy, and what the admins hear, once.
@Suite struct FeedHealthTests {
    /// 2026-11-23 10:00 UTC, in Unix milliseconds.
    let start: Int64 = 1_795_428_000_000
    let alertAfter: Duration = .seconds(15 * 60)

    func at(_ minutes: Double) -> Int64 { start + Int64((minutes * 60_000).rounded()) }

    @Test func aFailureIsReportedOnceAfterAlertAfterAndItsRecoveryOnce() {
        var health = FeedHealth()
        #expect(health.record(.fetched(items: 97, skipped: 0, firstProblem: nil), at: at(0), alertAfter: alertAfter) == nil)
        #expect(health.record(.failed(reason: "HTTP 503 from feed host remoteok.com"), at: at(1), alertAfter: alertAfter) == nil)
        #expect(health.evaluate(at: at(15.9), alertAfter: alertAfter) == nil)
        #expect(!health.isHealthy)
        // Fifteen minutes after the first failed poll.
        #expect(
            health.evaluate(at: at(16), alertAfter: alertAfter) == .reportDown(since: at(1), reason: "HTTP 503 from feed host remoteok.com")
        )
        // Never again while it fails: not on the clock, not on the next failed polls.
        #expect(health.evaluate(at: at(17), alertAfter: alertAfter) == nil)
        #expect(health.record(.failed(reason: "HTTP 502 from feed host remoteok.com"), at: at(30), alertAfter: alertAfter) == nil)
        #expect(health.evaluate(at: at(600), alertAfter: alertAfter) == nil)
        #expect(health.condition == .unhealthy(since: at(1), reason: "HTTP 502 from feed host remoteok.com", reported: true))
        #expect(health.lastSuccessAt == at(0))
        // The first healthy poll is the recovery; the next ones say nothing.
        #expect(
            health.record(.fetched(items: 97, skipped: 1, firstProblem: "item 4: no title"), at: at(61), alertAfter: alertAfter)
                == .reportRecovered(downSince: at(1)))
        #expect(health.record(.notModified, at: at(62), alertAfter: alertAfter) == nil)
        #expect(health.condition == .healthy && health.lastSuccessAt == at(62))
    }

    @Test func aFeedThatRecoversBeforeItWasReportedSaysNothing() {
        var health = FeedHealth()
        #expect(health.record(.failed(reason: "timed out"), at: at(0), alertAfter: alertAfter) == nil)
        #expect(health.evaluate(at: at(14), alertAfter: alertAfter) == nil)
        #expect(health.record(.fetched(items: 3, skipped: 0, firstProblem: nil), at: at(14.5), alertAfter: alertAfter) == nil)
        // A new failure starts its own fifteen minutes.
        #expect(health.record(.failed(reason: "timed out"), at: at(20), alertAfter: alertAfter) == nil)
        #expect(health.evaluate(at: at(34.9), alertAfter: alertAfter) == nil)
        #expect(health.evaluate(at: at(35), alertAfter: alertAfter) == .reportDown(since: at(20), reason: "timed out"))
    }

    /// A failing feed backs off (30 min, 1 h, … 6 h between polls): the report comes from the
    /// clock at `alertAfter`, not at the next poll.
    @Test func theClockReportsAFeedWhoseBackoffDelaysItsNextPoll() {
        var health = FeedHealth()
        var source = FeedSourceState()
        source.recordFailure(now: at(0), interval: alertAfter)
        #expect(health.record(.failed(reason: "HTTP 500"), at: at(0), alertAfter: alertAfter) == nil)
        let nextPoll = source.nextPollAt!
        #expect(nextPoll > at(15))
        let reports = stride(from: 0.0, through: 30, by: 0.25).compactMap { minute in
            at(minute) < nextPoll ? health.evaluate(at: at(minute), alertAfter: alertAfter) : nil
        }
        #expect(reports == [.reportDown(since: at(0), reason: "HTTP 500")])
    }

    @Test func mostItemsSkippedIsUnhealthyAndA304RepeatsTheVerdict() {
        #expect(
            FeedHealth.contentProblem(items: 0, skipped: 1288, firstProblem: "item 0: expected an object")
                == "1288 of 1288 items skipped (item 0: expected an object)")
        #expect(FeedHealth.contentProblem(items: 4, skipped: 5, firstProblem: nil) == "5 of 9 items skipped")
        // Half is not most; an empty feed (a small board with no openings) is fine.
        #expect(FeedHealth.contentProblem(items: 5, skipped: 5, firstProblem: nil) == nil)
        #expect(FeedHealth.contentProblem(items: 0, skipped: 0, firstProblem: nil) == nil)
        #expect(FeedHealth.contentProblem(items: 96, skipped: 1, firstProblem: nil) == nil)

        var health = FeedHealth()
        #expect(
            health.record(.fetched(items: 0, skipped: 1288, firstProblem: "item 0: no company"), at: at(0), alertAfter: alertAfter) == nil)
        // The same body, unchanged: still unhealthy, reported when its time comes.
        #expect(health.record(.notModified, at: at(10), alertAfter: alertAfter) == nil)
        #expect(
            health.record(.notModified, at: at(20), alertAfter: alertAfter)
                == .reportDown(since: at(0), reason: "1288 of 1288 items skipped (item 0: no company)"))
        #expect(health.lastItems == 0 && health.lastSkipped == 1288 && health.lastSuccessAt == nil)
        // A failed poll in between keeps the start; a 304 after it still means the bad body.
        #expect(health.record(.failed(reason: "timed out"), at: at(30), alertAfter: alertAfter) == nil)
        #expect(health.record(.notModified, at: at(40), alertAfter: alertAfter) == nil)
        #expect(!health.isHealthy)
        #expect(
            health.record(.fetched(items: 1288, skipped: 0, firstProblem: nil), at: at(50), alertAfter: alertAfter)
                == .reportRecovered(downSince: at(0)))
    }

    @Test func a304AfterATransportFailureIsHealthyWhenTheLastBodyWas() {
        var health = FeedHealth()
        _ = health.record(.fetched(items: 10, skipped: 0, firstProblem: nil), at: at(0), alertAfter: alertAfter)
        _ = health.record(.failed(reason: "connection refused"), at: at(5), alertAfter: alertAfter)
        #expect(health.evaluate(at: at(20), alertAfter: alertAfter) == .reportDown(since: at(5), reason: "connection refused"))
        #expect(health.record(.notModified, at: at(65), alertAfter: alertAfter) == .reportRecovered(downSince: at(5)))
    }

    @Test func zeroMinutesReportsTheFirstFailure() {
        var health = FeedHealth()
        #expect(health.record(.failed(reason: "HTTP 404"), at: at(0), alertAfter: .zero) == .reportDown(since: at(0), reason: "HTTP 404"))
        #expect(health.record(.failed(reason: "HTTP 404"), at: at(1), alertAfter: .zero) == nil)
    }

    /// What a restart reads back is what was saved: a report made is not made again, and a
    /// report due is not forgotten.
    @Test func theStateSurvivesARestartAsSaved() throws {
        var health = FeedHealth()
        _ = health.record(.failed(reason: "HTTP 503"), at: at(0), alertAfter: alertAfter)
        var restored = try JSONDecoder().decode(FeedHealth.self, from: JSONEncoder().encode(health))
        #expect(restored == health)
        #expect(restored.evaluate(at: at(15), alertAfter: alertAfter) == .reportDown(since: at(0), reason: "HTTP 503"))
        var again = try JSONDecoder().decode(FeedHealth.self, from: JSONEncoder().encode(restored))
        #expect(again.evaluate(at: at(16), alertAfter: alertAfter) == nil)
        #expect(again.record(.notModified, at: at(20), alertAfter: alertAfter) == .reportRecovered(downSince: at(0)))

        // The verdict on the last body travels too.
        var skipping = FeedHealth()
        _ = skipping.record(.fetched(items: 1, skipped: 9, firstProblem: nil), at: at(0), alertAfter: alertAfter)
        var reread = try JSONDecoder().decode(FeedHealth.self, from: JSONEncoder().encode(skipping))
        #expect(
            reread.record(.notModified, at: at(15), alertAfter: alertAfter) == .reportDown(since: at(0), reason: "9 of 10 items skipped"))
    }

    @Test func theMessagesSayWhichFeedHowLongAndWhy() {
        #expect(
            SourceHealthMessage.text(
                .reportDown(since: at(0), reason: "HTTP 503 from feed host remoteok.com"), feed: "remoteok", at: at(17.5))
                == "Feed remoteok has been failing for 17 min: HTTP 503 from feed host remoteok.com")
        #expect(
            SourceHealthMessage.text(.reportRecovered(downSince: at(0)), feed: "remoteok", at: at(42))
                == "Feed remoteok recovered after 42 min")
        #expect(SourceHealthMessage.elapsed(.seconds(40)) == "40 s")
        #expect(SourceHealthMessage.elapsed(.seconds(3 * 3_600 + 5 * 60 + 7)) == "3 h 5 min")
        #expect(SourceHealthMessage.elapsed(.seconds(2 * 3_600)) == "2 h")
        #expect(SourceHealthMessage.elapsed(.seconds(3 * 86_400 + 4 * 3_600)) == "3 days 4 h")
        // Slack and Telegram escape what the reason holds (Discord's: DiscordNotificationMessageTests).
        let text = "Feed x has been failing for 1 min: got <html> & @everyone"
        #expect(SourceHealthMessage.telegramHTML(text) == "Feed x has been failing for 1 min: got &lt;html&gt; &amp; @everyone")
        #expect(
            SourceHealthMessage.slackPayload(text)["text"]?.stringValue
                == "Feed x has been failing for 1 min: got &lt;html&gt; &amp; @everyone")
    }

    @Test func anUndeliveredReportBacksOffAndIsGivenUpInTheEnd() {
        var report = AdminReport(
            id: "remoteok down 1", feed: "remoteok", text: "Feed remoteok…", destination: "telegram:-100", queuedAt: at(0))
        #expect(report.isDue(at: at(0)))
        #expect(report.nonce.count <= 25 && report.nonce.hasPrefix("hp-health-"))
        var retried = report.failed(at: at(0), retryAfter: nil)
        #expect(retried && report.notBefore == at(0.5))
        retried = report.failed(at: at(1), retryAfter: nil)
        #expect(retried && report.notBefore == at(2))
        // A service's own wait is honoured, and spends no attempt.
        retried = report.failed(at: at(2), retryAfter: .seconds(3))
        #expect(retried && report.notBefore == at(2) + 3_000 && report.attempts == 2)
        var attempts = 2
        while report.failed(at: at(20), retryAfter: nil) { attempts += 1 }
        #expect(attempts + 1 == AdminReport.maximumAttempts)
        #expect(report.notBefore <= at(20) + Int64(AdminReport.maximumBackoff / .milliseconds(1)))
    }

    /// A health and a report saved before times were Unix milliseconds: Foundation's default
    /// `Date` coding (seconds since 2001-01-01, no `times` marker), as the tracker wrote them. They
    /// load with the same instants, and go on from there as if never saved.
    @Test func aHealthAndAReportSavedWithFoundationDatesStillLoad() throws {
        // Unhealthy since `at(1)`, polled at `at(2)`, last healthy at `at(0)`; due at 16.5 min 0.5 s.
        let health = """
            {"lastSkipped":9,"contentProblem":"9 of 10 items skipped",\
            "condition":{"unhealthy":{"since":817120860,"reported":false,"reason":"9 of 10 items skipped"}},\
            "lastPollAt":817120920,"lastSuccessAt":817120800,"lastItems":1}
            """
        var restored = try JSONDecoder().decode(FeedHealth.self, from: Data(health.utf8))
        #expect(restored.condition == .unhealthy(since: at(1), reason: "9 of 10 items skipped", reported: false))
        #expect(restored.lastPollAt == at(2) && restored.lastSuccessAt == at(0))
        #expect(restored.lastItems == 1 && restored.lastSkipped == 9)
        #expect(restored.evaluate(at: at(15.9), alertAfter: alertAfter) == nil)
        // The body's verdict came along: a 304 repeats it.
        #expect(
            restored.record(.notModified, at: at(16), alertAfter: alertAfter) == .reportDown(since: at(1), reason: "9 of 10 items skipped"))
        #expect(try JSONDecoder().decode(FeedHealth.self, from: JSONEncoder().encode(restored)) == restored)
        #expect(try JSONDecoder().decode(FeedHealth.self, from: Data(#"{"condition":{"healthy":{}}}"#.utf8)).condition == .healthy)

        let report = """
            {"text":"Feed remoteok has been failing for 15 min: HTTP 503","feed":"remoteok","destination":"telegram:-100",\
            "attempts":1,"notBefore":817121790.5,"id":"remoteok down 1795428060000"}
            """
        let restoredReport = try JSONDecoder().decode(AdminReport.self, from: Data(report.utf8))
        #expect(restoredReport.notBefore == at(16.5) + 500 && restoredReport.attempts == 1)
        #expect(!restoredReport.isDue(at: at(16.5)) && restoredReport.isDue(at: at(16.5) + 500))
        #expect(try JSONDecoder().decode(AdminReport.self, from: JSONEncoder().encode(restoredReport)) == restoredReport)
        // A form this code does not know is refused, not guessed at.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FeedHealth.self, from: Data(#"{"times":"unix_s","condition":{"healthy":{}}}"#.utf8))
        }
    }
}
