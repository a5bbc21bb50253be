import AsyncHTTPClient
import Domain
import Foundation
import JSON
import NIOCore
import NIOHTTP1
import Support
import Transport

/// Sends one chat-completions request and classifies what came back. No retries here: the
/// extractor decides what a failure means for the messages in the call.
struct ChatCompletionClient: Sendable {
    let url: String
    let apiKey: String?
    /// For a call of one message; a larger call gets more (`LLMSettings.timeout(forMessages:)`).
    let timeout: Duration
    let httpClient: HTTPClient
    /// A 1 MB string or 10,000 updates are refused by validation; past this size, before parsing.
    static let maxResponseSize = 4 << 20

    func send(_ request: ChatCompletionRequest, timeout: Duration? = nil) async throws(LLMCallError) -> ChatCompletionResponse {
        let timeout = timeout ?? self.timeout
        var http = HTTPClientRequest(url: url)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/json")
        http.headers.add(name: "Accept", value: "application/json")
        if let apiKey { http.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        http.body = .bytes(ByteBuffer(string: request.body.serialized))
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer
        do {
            let response = try await httpClient.execute(http, timeout: .init(timeout))
            status = Int(response.status.code)
            headers = response.headers
            body = try await response.body.collect(upTo: Self.maxResponseSize)
        } catch is NIOTooManyBytesError {
            throw .invalidResponse("larger than \(Self.maxResponseSize >> 20) MB")
        } catch {
            let failure = TransportFailure(error)
            if failure == .timedOut { throw .timeout(timeout) }
            throw .transport(TransportFailure.describe(error, url: url, timeout: timeout))
        }
        let json = try? JSONParser.parse(Array(body.readableBytesView))
        switch status {
        case 200..<300:
            guard let json else { throw .invalidResponse("the body is not JSON") }
            return try ChatCompletionResponse(json: json)
        case 429:
            throw .rateLimited(retryAfter: Self.retryAfter(headers: headers))
        case 500...:
            throw .serverError(status: status, message: Self.errorMessage(json))
        default:
            throw .refused(status: status, message: Self.errorMessage(json), param: Self.errorParam(json))
        }
    }

    /// OpenAI, llama.cpp and Ollama nest the error (`{"error": {"message", "param"}}`); vLLM does not.
    static func errorMessage(_ json: JSONValue?) -> String {
        let text = json?["error"]?["message"]?.stringValue ?? json?["error"]?.stringValue ?? json?["message"]?.stringValue ?? ""
        return text.firstLine.clipped(to: 300)
    }

    static func errorParam(_ json: JSONValue?) -> String? {
        json?["error"]?["param"]?.stringValue ?? json?["param"]?.stringValue
    }

    /// Retry-After in seconds (a number, possibly fractional) or as an HTTP date.
    static func retryAfter(headers: HTTPHeaders) -> Duration? {
        headers.retryAfterSeconds.map { .seconds($0) }
    }
}
