import HiringPulseTesting
import JSON
import Support
import Testing

@testable import Discord

/// The clock-free pieces of the gateway shell: send limit, identify budget, zlib-stream, URLs.
@Suite struct GatewayLimitsTests {
    let start = AnyClock.Instant(offset: .seconds(1000))

    @Test func sendLimitKeepsSlotsForHeartbeats() {
        var limiter = GatewaySendLimiter()
        for _ in 0..<116 { #expect(limiter.reserve(isHeartbeat: false, now: start) == nil) }
        // Other sends wait for the window; heartbeats still go.
        #expect(limiter.reserve(isHeartbeat: false, now: start + .seconds(1)) == start + .seconds(60))
        for _ in 0..<4 { #expect(limiter.reserve(isHeartbeat: true, now: start + .seconds(2)) == nil) }
        #expect(limiter.reserve(isHeartbeat: true, now: start + .seconds(3)) == start + .seconds(60))
        // Once the first burst leaves the window, sends flow again.
        #expect(limiter.reserve(isHeartbeat: false, now: start + .seconds(61)) == nil)
    }

    @Test func sendLimitNeverExceeds120InAnySixtySeconds() {
        var limiter = GatewaySendLimiter()
        var sent: [AnyClock.Instant] = []
        var now = start
        while now < start + .seconds(300) {
            if limiter.reserve(isHeartbeat: sent.count % 30 == 0, now: now) == nil { sent.append(now) }
            now += .milliseconds(100)
        }
        for instant in sent {
            #expect(sent.filter { $0 >= instant && $0 < instant + .seconds(60) }.count <= 120)
        }
        #expect(sent.count >= 4 * 116)
    }

    @Test func identifiesAreSpacedFiveSecondsPerConcurrencyKey() {
        var budget = IdentifyBudget(
            limit: SessionStartLimit(total: 1000, remaining: 1000, resetAfter: .seconds(3600), maxConcurrency: 2), now: start)
        #expect(budget.reserve(shard: 0, now: start) == .identify)
        #expect(budget.reserve(shard: 1, now: start) == .identify)
        // Shard 2 shares shard 0's key.
        #expect(budget.reserve(shard: 2, now: start) == .wait(until: start + .seconds(5)))
        #expect(budget.reserve(shard: 2, now: start + .seconds(5)) == .identify)
        #expect(budget.remainingSessionStarts == 997)
    }

    /// A shorter spacing, as tests against the fake Discord set it (`discord.identify_spacing_ms`):
    /// the same rule at another pace. Discord's own is the default.
    @Test func identifiesAreSpacedAsConfigured() {
        #expect(IdentifyBudget.discordSpacing == .seconds(5))
        #expect(GatewayConnectionSettings().identifySpacing == IdentifyBudget.discordSpacing)
        var budget = IdentifyBudget(
            limit: SessionStartLimit(total: 1000, remaining: 1000, resetAfter: .seconds(3600), maxConcurrency: 1),
            spacing: .milliseconds(50), now: start)
        #expect(budget.reserve(shard: 0, now: start) == .identify)
        #expect(budget.reserve(shard: 0, now: start + .milliseconds(49)) == .wait(until: start + .milliseconds(50)))
        #expect(budget.reserve(shard: 0, now: start + .milliseconds(50)) == .identify)
    }

    @Test func exhaustedDailyBudgetWaitsForTheReset() {
        var budget = IdentifyBudget(
            limit: SessionStartLimit(total: 1000, remaining: 1, resetAfter: .seconds(600), maxConcurrency: 1), now: start)
        #expect(budget.reserve(shard: 0, now: start) == .identify)
        #expect(budget.reserve(shard: 0, now: start + .seconds(10)) == .wait(until: start + .seconds(600)))
        #expect(budget.reserve(shard: 0, now: start + .seconds(600)) == .identify)
        #expect(budget.remainingSessionStarts == 999)
    }

    @Test func zlibStreamRoundTripsAcrossSplitMessages() throws {
        let deflater = ZlibStreamDeflater()
        let inflater = try ZlibStreamInflater(maxPayloadSize: 1 << 20)
        for number in 0..<50 {
            let payload = Array(#"{"op":0,"s":\#(number),"t":"MESSAGE_CREATE","d":{"content":"offer from Databricks!!"}}"#.utf8)
            let compressed = deflater.compress(payload)
            let middle = compressed.count / 2
            #expect(try inflater.append(compressed[..<middle]) == nil)
            #expect(try inflater.append(compressed[middle...]) == payload)
        }
    }

    @Test func corruptOrOversizedZlibIsAnError() throws {
        let inflater = try ZlibStreamInflater(maxPayloadSize: 1 << 20)
        #expect(throws: ZlibStreamInflater.InflateError.self) { try inflater.append([1, 2, 3, 4, 0, 0, 0xFF, 0xFF]) }
        let small = try ZlibStreamInflater(maxPayloadSize: 1000)
        let bomb = ZlibStreamDeflater().compress([UInt8](repeating: 32, count: 100_000))
        #expect(bomb.count < 1000)
        #expect(throws: ZlibStreamInflater.InflateError.self) { try small.append(bomb) }
    }

    @Test func gatewayURLsCarryVersionEncodingAndCompression() {
        #expect(
            GatewayURL.withQuery("wss://gateway.discord.gg", compress: true)
                == "wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream")
        #expect(
            GatewayURL.withQuery("wss://gateway-us-east1-b.discord.gg/", compress: false)
                == "wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json")
        #expect(GatewayURL.withQuery("ws://127.0.0.1:8080/gateway", compress: false) == "ws://127.0.0.1:8080/gateway?v=10&encoding=json")
    }

    @Test func multipartBodyNamesEachFile() {
        let body = MultipartBody(
            payload: .object([("content", .string("hi"))]),
            files: [DiscordFile(name: "a\"b.txt", contentType: "text/plain", data: Array("A".utf8))], boundary: "XYZ"
        )
        #expect(
            String(decoding: body.bytes, as: UTF8.self) == """
                --XYZ\r
                Content-Disposition: form-data; name="payload_json"\r
                Content-Type: application/json\r
                \r
                {"content":"hi","attachments":[{"id":0,"filename":"a\\"b.txt"}]}\r
                --XYZ\r
                Content-Disposition: form-data; name="files[0]"; filename="a_b.txt"\r
                Content-Type: text/plain\r
                \r
                A\r
                --XYZ--\r

                """)
        #expect(body.contentType == "multipart/form-data; boundary=XYZ")
    }
}
