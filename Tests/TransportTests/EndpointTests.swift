import Testing
import Transport

/// What a failure may say about where a request went: host and port, nothing else of the URL.
@Suite struct EndpointTests {
    @Test func hostAndPortOnly() {
        #expect(Endpoint(url: "https://discord.com/api/v10/applications/@me?with_counts=true")?.description == "discord.com:443")
        #expect(Endpoint(url: "http://user:SECRET@127.0.0.1:8080/bot123:TOKEN/sendMessage#x")?.description == "127.0.0.1:8080")
        #expect(Endpoint(url: "wss://gateway.discord.gg/?v=10")?.description == "gateway.discord.gg:443")
        #expect(Endpoint(url: "http://[::1]:11434/v1")?.description == "[::1]:11434")
        #expect(Endpoint(url: "HTTP://Example.COM")?.description == "example.com:80")
    }

    @Test func asWrittenKeepsThePortOnlyWhenGiven() {
        #expect(Endpoint(url: "https://remoteok.com/api?api_key=SECRET")?.asWritten == "remoteok.com")
        #expect(Endpoint(url: "https://example.com:8443/feed")?.asWritten == "example.com:8443")
    }

    @Test func notAnAbsoluteHTTPURL() {
        for url in ["ftp://example.com/x", "/relative", "not a url", "https:///nohost", "", "http://host:99999/", "http://[::1/x"] {
            #expect(Endpoint(url: url) == nil, "\(url)")
        }
    }
}
