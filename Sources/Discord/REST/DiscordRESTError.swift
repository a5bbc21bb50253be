/// A REST call that failed for good, in one line: the route template (never the path, which may
/// hold an interaction token), the status, and Discord's own error code and message when it sent
/// them.
public struct DiscordRESTError: Error, Sendable, Hashable, CustomStringConvertible {
    public var route: String
    /// nil when no answer came (connection error, timeout).
    public var status: Int?
    /// Discord's JSON error code (for example 10008, Unknown Message).
    public var code: Int?
    public var message: String

    public init(route: String, status: Int?, code: Int? = nil, message: String) {
        self.route = route
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String {
        var text = route
        if let status { text += ": HTTP \(status)" }
        if let code { text += " (Discord code \(code))" }
        return text + ": " + message
    }

    /// 401: the bot token is wrong or was reset.
    public var isInvalidToken: Bool { status == 401 }

    /// No answer, a 5xx or a 429 that outlasted the retries: Discord, or the way to it, is at
    /// fault, and the same call may succeed later.
    public var isOutage: Bool {
        guard let status else { return true }
        return status >= 500 || status == 429
    }
}
