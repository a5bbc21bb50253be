/// Where and how mail is sent: `email.smtp_url` (`smtp://host:587`, STARTTLS required;
/// `smtps://host:465`, TLS from the start), `email.from`, and the login. The password is a secret
/// (`SMTP_PASSWORD`): it goes to the server only, never into a log line or a reason.
public struct SMTPSettings: Sendable {
    public var url: String
    /// The sender's address, `alerts@example.org`: the envelope's and the From line's.
    public var from: String
    /// The From line's display name.
    public var fromName: String
    public var username: String?
    public var password: String?
    public var connectTimeout: Duration
    public var timeout: Duration
    /// A PEM certificate to trust besides the system's: for a test server's own certificate.
    public var trustedCertificatePEM: String?

    public init(
        url: String, from: String, fromName: String = "HiringPulse", username: String? = nil, password: String? = nil,
        connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(30), trustedCertificatePEM: String? = nil
    ) {
        self.url = url
        self.from = from
        self.fromName = fromName
        self.username = username
        self.password = password
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.trustedCertificatePEM = trustedCertificatePEM
    }

    /// A Message-ID (without its angle brackets) in the sender's domain: `local@example.org`.
    public func messageID(_ local: String) -> String {
        "\(local)@\(from.split(separator: "@").last.map(String.init) ?? "hiringpulse")"
    }
}
