import AsyncHTTPClient
import JSONSchema
import NIOCore

/// Asks a server what `ServerFacts` holds. Every failure is quiet: a server without `/props` (all
/// but llama-server) is the usual case, and a stopped server is reported by the first call.
struct ServerProbe: Sendable {
    let settings: LLMSettings
    let httpClient: HTTPClient

    /// nil when neither request got an HTTP answer (the server is not up yet: ask again later).
    func facts() async -> ServerFacts? {
        var facts = ServerFacts()
        var answered = false
        if let props = await get("/props", answered: &answered) { facts.read(props: props) }
        if let models = await get("/v1/models", answered: &answered) { facts.read(models: models) }
        return answered ? facts : nil
    }

    private func get(_ path: String, answered: inout Bool) async -> JSONValue? {
        var request = HTTPClientRequest(url: settings.serverRoot + path)
        request.headers.add(name: "Accept", value: "application/json")
        if let key = settings.apiKey?.value { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(10))
            answered = true
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status.code == 200 else { return nil }
            return try? JSONParser.parse(Array(body.readableBytesView))
        } catch {
            return nil
        }
    }
}
