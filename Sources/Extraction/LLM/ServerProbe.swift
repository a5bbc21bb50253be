import AsyncHTTPClient
import Domain
import JSON
import NIOCore
import NIOHTTP1

/// Asks a server what `ServerFacts` holds. Every failure is quiet: a server without `/props` (all
/// but llama-server) is the usual case, and a stopped server is reported by the first call.
struct ServerProbe: Sendable {
    let settings: LLMSettings
    let httpClient: HTTPClient

    /// nil when either request got no HTTP answer (the server is not up yet, or too busy: ask
    /// again before the next batch). A 404 is an answer.
    func facts() async -> ServerFacts? {
        var facts = ServerFacts()
        var propsAnswered = false
        var modelsAnswered = false
        if let props = await get("/props", answered: &propsAnswered) { facts.read(props: props) }
        if let models = await get("/v1/models", answered: &modelsAnswered) { facts.read(models: models) }
        return propsAnswered && modelsAnswered ? facts : nil
    }

    private func get(_ path: String, answered: inout Bool) async -> JSONValue? {
        var request = HTTPClientRequest(url: settings.serverRoot + path)
        request.headers.add(name: "Accept", value: "application/json")
        if let key = settings.apiKey?.value { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        do {
            // Generous: a busy llama-server answers /props between two tokens, a loaded machine later.
            let response = try await httpClient.execute(request, timeout: .seconds(30))
            answered = true
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status.code == 200 else { return nil }
            return try? JSONParser.parse(Array(body.readableBytesView))
        } catch {
            return nil
        }
    }
}
