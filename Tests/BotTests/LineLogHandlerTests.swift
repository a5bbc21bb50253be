import Bot
import JSON
import Logging
import Testing

@Suite struct LineLogHandlerTests {
    static let fields = [("interaction", "1400000000000000001"), ("reason", "said \"no\" = twice\nthen left")]

    @Test func jsonIsOneObjectPerLineWithEveryField() throws {
        let line = LineLogHandler.format(
            .json, time: "2026-11-23T12:00:00.000Z", level: .warning, label: "hiringpulse", message: "refused", fields: Self.fields)
        #expect(!line.contains("\n"))
        let object = try JSONParser.parse(line)
        #expect(object["level"] == .string("warning"))
        #expect(object["message"] == .string("refused"))
        #expect(object["interaction"] == .string("1400000000000000001"))
        #expect(object["reason"] == .string("said \"no\" = twice\nthen left"))
    }

    @Test func logfmtQuotesWhatNeedsQuoting() {
        let line = LineLogHandler.format(
            .logfmt, time: "2026-11-23T12:00:00.000Z", level: .info, label: "hiringpulse", message: "stored message", fields: Self.fields)
        #expect(
            line
                == #"time=2026-11-23T12:00:00.000Z level=info logger=hiringpulse message="stored message" interaction=1400000000000000001 reason="said \"no\" = twice\nthen left""#
        )
    }

    @Test func textIsForPeople() {
        let line = LineLogHandler.format(
            .text, time: "2026-11-23T12:00:00.000Z", level: .info, label: "hiringpulse", message: "gateway ready", fields: [("shard", "0")])
        #expect(line == "2026-11-23T12:00:00.000Z info hiringpulse: gateway ready [shard=0]")
    }

    @Test func secretsAreRedactedWhereverTheyAppear() {
        let redactor = Redactor(secrets: ["Bot.abc.def-token", "abc"])
        #expect(redactor.redact("Authorization: Bot Bot.abc.def-token failed") == "Authorization: Bot [REDACTED] failed")
        // Too short to be a secret worth matching: "abc" would redact ordinary words.
        #expect(redactor.redact("abc") == "abc")
    }
}
