public import AsyncHTTPClient
import NIOCore

extension HTTPClient {
    /// The client every outgoing request uses unless a caller passes its own. AsyncHTTPClient's
    /// shared client keeps retrying a refused connect until the request's deadline, so a closed
    /// port looked like 30 s of silence; our callers retry on their own schedules, so this one
    /// reports a failed connect at once. Never shut down, like the shared client.
    public static let failFast = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .failFast)
}

extension HTTPClient.Configuration {
    /// The shared client's settings, with a short connect timeout and no pool-level retry of a
    /// failed connect.
    public static var failFast: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.timeout.connect = .seconds(5)
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }
}
