/// What one SMTP transfer came to, as libcurl reports it: its result code, the server's last reply
/// code (0 when no reply came), and libcurl's words.
struct SMTPOutcome: Sendable, Hashable {
    var curlCode: Int
    var replyCode: Int
    var message: String

    static let ok = 0
    static let loginDenied = 67

    /// libcurl's code alone cannot tell a recipient refused for now (4xx) from one refused for
    /// good (5xx): both are "send failed". The server's reply code can: 4xx is retried, 5xx fails
    /// that address with the server's words, and no reply at all is a connection problem, retried.
    var deliveryResult: DeliveryResult {
        if curlCode == Self.ok { return .sent }
        let words = message.isEmpty ? "libcurl error \(curlCode)" : message
        if curlCode == Self.loginDenied {
            return .rejected(reason: "the SMTP server refused the login (\(replyCode == 0 ? "no reply" : "\(replyCode)"))")
        }
        switch replyCode {
        case 500..<600: return .rejected(reason: "the SMTP server refused the message: \(replyCode) \(words)")
        case 400..<500: return .retryLater(after: nil, reason: "SMTP: \(replyCode) \(words)")
        default: return .retryLater(after: nil, reason: "SMTP: \(words)")
        }
    }
}
