import Foundation

/// One SMTP connection's protocol, without sockets: events in (the connection opened, a line came,
/// TLS was established), replies and actions out. `FakeSMTP` runs one per connection; tests drive it
/// directly. What outlives a connection (scripted replies, what was accepted, what the wire carried)
/// is the `FakeSMTPMailbox` passed to each step, so one lock around a step keeps them consistent.
public struct FakeSMTPSession: Sendable {
    public enum Event: Sendable, Equatable {
        /// The connection opened: the greeting is due.
        case connected
        /// One line as received, with its line end (CRLF, or a bare LF).
        case line([UInt8])
        /// The TLS handshake that STARTTLS began has completed.
        case tlsEstablished
    }

    public enum Action: Sendable, Equatable {
        case reply(FakeSMTP.Reply)
        /// Put TLS in front of the connection, after the replies before it are written in clear.
        case startTLS
        /// Close the connection, after the replies before it are written.
        case close
    }

    enum State: Sendable, Equatable {
        case command
        case authPlainResponse
        case authLoginUsername
        case authLoginPassword(username: String)
        case data
        /// STARTTLS was answered; lines before the handshake completes are discarded (RFC 3207 §4.2).
        case awaitingTLS
        case closed
    }

    /// The name the fake gives itself in its greeting and EHLO answer.
    public static let hostname = "fake-smtp.test"
    /// The message size EHLO advertises, and the most MAIL FROM's SIZE may declare.
    public static let maximumSize = 10_485_760

    public let mode: FakeSMTP.Mode
    public let credentials: FakeSMTP.Credentials?
    var state = State.command
    /// Whether the connection is encrypted now.
    public private(set) var usesTLS: Bool
    var greeted = false
    var authenticatedAs: String?
    var mailFrom: String?
    var recipients: [String] = []
    var message: [UInt8] = []

    public init(mode: FakeSMTP.Mode, credentials: FakeSMTP.Credentials?) {
        self.mode = mode
        self.credentials = credentials
        self.usesTLS = mode == .implicitTLS
    }

    /// AUTH is offered (and accepted) only where credentials would not cross in clear, except in
    /// `.plaintext` mode, which offers it in clear to catch a client that would send them.
    var authAvailable: Bool { usesTLS || mode == .plaintext }

    public mutating func handle(_ event: Event, mailbox: inout FakeSMTPMailbox) -> [Action] {
        switch (event, state) {
        case (_, .closed):
            return []
        case (.connected, _):
            if let scripted = mailbox.takeGreeting() {
                guard scripted.code == 220 else {
                    state = .closed
                    return [.reply(scripted), .close]
                }
                return [.reply(scripted)]
            }
            return [.reply(.init(220, "\(Self.hostname) ESMTP fake"))]
        case (.tlsEstablished, .awaitingTLS):
            // RFC 3207 §4.2: the session starts over; the client must EHLO again.
            usesTLS = true
            greeted = false
            authenticatedAs = nil
            resetTransaction()
            state = .command
            return []
        case (.tlsEstablished, _):
            return []
        case (.line, .awaitingTLS):
            return []
        case (.line(let bytes), .data):
            return dataLine(bytes, mailbox: &mailbox)
        case (.line(let bytes), .authPlainResponse):
            mailbox.commands.append(FakeSMTPMailbox.redacted)
            state = .command
            return authPlain(response: Self.text(bytes), mailbox: &mailbox)
        case (.line(let bytes), .authLoginUsername):
            mailbox.commands.append(FakeSMTPMailbox.redacted)
            let line = Self.text(bytes)
            if line == "*" { return cancelAuth(mechanism: "LOGIN", mailbox: &mailbox) }
            guard let username = Self.decodeBase64(line) else {
                return badAuthEncoding(mechanism: "LOGIN", username: nil, mailbox: &mailbox)
            }
            state = .authLoginPassword(username: username)
            return [.reply(.init(334, "UGFzc3dvcmQ6"))]
        case (.line(let bytes), .authLoginPassword(let username)):
            mailbox.commands.append(FakeSMTPMailbox.redacted)
            state = .command
            let line = Self.text(bytes)
            if line == "*" { return cancelAuth(mechanism: "LOGIN", mailbox: &mailbox) }
            guard let password = Self.decodeBase64(line) else {
                return badAuthEncoding(mechanism: "LOGIN", username: username, mailbox: &mailbox)
            }
            return finishAuth(mechanism: "LOGIN", username: username, password: password, mailbox: &mailbox)
        case (.line(let bytes), .command):
            return command(Self.text(bytes), mailbox: &mailbox)
        }
    }

    // MARK: Commands

    private mutating func command(_ line: String, mailbox: inout FakeSMTPMailbox) -> [Action] {
        let verb = line.prefix { $0 != " " }.uppercased()
        let argument = line.dropFirst(verb.count).drop { $0 == " " }
        mailbox.commands.append(verb == "AUTH" ? Self.redactAuth(line) : line)
        switch verb {
        case "EHLO":
            greeted = true
            resetTransaction()
            var lines = ["\(Self.hostname) greets \(argument)", "8BITMIME", "SIZE \(Self.maximumSize)"]
            if mode == .startTLS && !usesTLS { lines.append("STARTTLS") }
            if authAvailable { lines.append("AUTH PLAIN LOGIN") }
            return [.reply(.init(250, lines))]
        case "HELO":
            greeted = true
            resetTransaction()
            return [.reply(.init(250, Self.hostname))]
        case "STARTTLS":
            guard mode == .startTLS else { return [.reply(.init(502, "5.5.1 STARTTLS not offered"))] }
            guard !usesTLS else { return [.reply(.init(503, "5.5.1 TLS already active"))] }
            guard argument.isEmpty else { return [.reply(.init(501, "5.5.4 STARTTLS takes no argument"))] }
            state = .awaitingTLS
            return [.reply(.init(220, "2.0.0 Ready to start TLS")), .startTLS]
        case "AUTH":
            return auth(argument, mailbox: &mailbox)
        case "MAIL":
            return mail(argument)
        case "RCPT":
            return rcpt(argument, mailbox: &mailbox)
        case "DATA":
            guard mailFrom != nil, !recipients.isEmpty else { return [.reply(.init(503, "5.5.1 RCPT first"))] }
            state = .data
            message = []
            return [.reply(.init(354, "Start mail input; end with <CRLF>.<CRLF>"))]
        case "RSET":
            resetTransaction()
            return [.reply(.init(250, "2.0.0 OK"))]
        case "NOOP":
            return [.reply(.init(250, "2.0.0 OK"))]
        case "QUIT":
            state = .closed
            return [.reply(.init(221, "2.0.0 Bye")), .close]
        case "":
            return [.reply(.init(500, "5.5.2 Syntax error"))]
        default:
            return [.reply(.init(502, "5.5.1 Command not implemented"))]
        }
    }

    private mutating func auth(_ argument: Substring, mailbox: inout FakeSMTPMailbox) -> [Action] {
        guard greeted else { return [.reply(.init(503, "5.5.1 EHLO first"))] }
        guard authAvailable else { return [.reply(.init(530, "5.7.0 Must issue a STARTTLS command first"))] }
        guard authenticatedAs == nil else { return [.reply(.init(503, "5.5.1 Already authenticated"))] }
        guard mailFrom == nil else { return [.reply(.init(503, "5.5.1 AUTH not allowed during a mail transaction"))] }
        let parts = argument.split(separator: " ", omittingEmptySubsequences: true)
        switch parts.first?.uppercased() {
        case "PLAIN":
            guard parts.count > 1 else {
                state = .authPlainResponse
                return [.reply(.init(334, ""))]
            }
            return authPlain(response: String(parts[1]), mailbox: &mailbox)
        case "LOGIN":
            guard parts.count > 1 else {
                state = .authLoginUsername
                return [.reply(.init(334, "VXNlcm5hbWU6"))]
            }
            // RFC 4954 allows LOGIN's username as an initial response.
            guard let username = Self.decodeBase64(String(parts[1])) else {
                return badAuthEncoding(mechanism: "LOGIN", username: nil, mailbox: &mailbox)
            }
            state = .authLoginPassword(username: username)
            return [.reply(.init(334, "UGFzc3dvcmQ6"))]
        default:
            return [.reply(.init(504, "5.5.4 Unrecognized authentication type"))]
        }
    }

    /// `authzid NUL authcid NUL password`, base64 (RFC 4616).
    private mutating func authPlain(response: String, mailbox: inout FakeSMTPMailbox) -> [Action] {
        if response == "*" { return cancelAuth(mechanism: "PLAIN", mailbox: &mailbox) }
        guard let decoded = Self.decodeBase64Bytes(response) else {
            return badAuthEncoding(mechanism: "PLAIN", username: nil, mailbox: &mailbox)
        }
        let fields = decoded.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return badAuthEncoding(mechanism: "PLAIN", username: nil, mailbox: &mailbox) }
        return finishAuth(
            mechanism: "PLAIN", username: String(decoding: fields[1], as: UTF8.self), password: String(decoding: fields[2], as: UTF8.self),
            mailbox: &mailbox)
    }

    private mutating func finishAuth(mechanism: String, username: String, password: String, mailbox: inout FakeSMTPMailbox) -> [Action] {
        let accepted = credentials.map { $0.username == username && $0.password == password } ?? true
        mailbox.authAttempts.append(.init(mechanism: mechanism, username: username, succeeded: accepted, usedTLS: usesTLS))
        guard accepted else { return [.reply(.init(535, "5.7.8 Authentication credentials invalid"))] }
        authenticatedAs = username
        return [.reply(.init(235, "2.7.0 Authentication successful"))]
    }

    private mutating func cancelAuth(mechanism: String, mailbox: inout FakeSMTPMailbox) -> [Action] {
        state = .command
        mailbox.authAttempts.append(.init(mechanism: mechanism, username: nil, succeeded: false, usedTLS: usesTLS))
        return [.reply(.init(501, "5.0.0 Authentication cancelled"))]
    }

    private mutating func badAuthEncoding(mechanism: String, username: String?, mailbox: inout FakeSMTPMailbox) -> [Action] {
        state = .command
        mailbox.authAttempts.append(.init(mechanism: mechanism, username: username, succeeded: false, usedTLS: usesTLS))
        return [.reply(.init(501, "5.5.2 Cannot decode the response"))]
    }

    private mutating func mail(_ argument: Substring) -> [Action] {
        guard greeted else { return [.reply(.init(503, "5.5.1 EHLO first"))] }
        if credentials != nil && authenticatedAs == nil { return [.reply(.init(530, "5.7.0 Authentication required"))] }
        guard mailFrom == nil else { return [.reply(.init(503, "5.5.1 Nested MAIL command"))] }
        guard let (address, parameters) = Self.path(argument, keyword: "FROM:") else {
            return [.reply(.init(501, "5.5.4 Syntax: MAIL FROM:<address>"))]
        }
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.first?.uppercased() == "SIZE" else { continue }
            guard pair.count == 2, let size = Int(pair[1]) else { return [.reply(.init(501, "5.5.4 Bad SIZE parameter"))] }
            if size > Self.maximumSize { return [.reply(.init(552, "5.3.4 Message size exceeds fixed limit"))] }
        }
        mailFrom = address
        return [.reply(.init(250, "2.1.0 OK"))]
    }

    private mutating func rcpt(_ argument: Substring, mailbox: inout FakeSMTPMailbox) -> [Action] {
        guard mailFrom != nil else { return [.reply(.init(503, "5.5.1 MAIL first"))] }
        guard let (address, _) = Self.path(argument, keyword: "TO:"), !address.isEmpty else {
            return [.reply(.init(501, "5.5.4 Syntax: RCPT TO:<address>"))]
        }
        if let scripted = mailbox.takeRecipientReply(for: address) {
            if scripted.code / 100 == 2 { recipients.append(address) }
            return closingIf421(scripted)
        }
        recipients.append(address)
        return [.reply(.init(250, "2.1.5 OK"))]
    }

    private mutating func dataLine(_ bytes: [UInt8], mailbox: inout FakeSMTPMailbox) -> [Action] {
        let dot = UInt8(ascii: ".")
        if bytes == [dot, 13, 10] || bytes == [dot, 10] {
            state = .command
            defer { resetTransaction() }
            if let scripted = mailbox.takeDataReply() {
                if scripted.code / 100 == 2 { deliver(mailbox: &mailbox) }
                return closingIf421(scripted)
            }
            deliver(mailbox: &mailbox)
            return [.reply(.init(250, "2.0.0 OK: queued"))]
        }
        // RFC 5321 §4.5.2: a line that starts with a period loses that period (the sender doubled it).
        message += bytes.first == dot ? bytes.dropFirst() : bytes[...]
        return []
    }

    private func deliver(mailbox: inout FakeSMTPMailbox) {
        mailbox.deliveries.append(
            .init(mailFrom: mailFrom ?? "", recipients: recipients, data: message, authenticatedAs: authenticatedAs, usedTLS: usesTLS))
    }

    /// 421 means the server is closing the connection (RFC 5321 §3.8), so it does.
    private mutating func closingIf421(_ reply: FakeSMTP.Reply) -> [Action] {
        guard reply.code == 421 else { return [.reply(reply)] }
        state = .closed
        return [.reply(reply), .close]
    }

    private mutating func resetTransaction() {
        mailFrom = nil
        recipients = []
        message = []
    }

    // MARK: Parsing

    private static func text(_ bytes: [UInt8]) -> String {
        var end = bytes.endIndex
        if end > 0 && bytes[end - 1] == 10 { end -= 1 }
        if end > 0 && bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// `FROM:<address> PARAM=value ...` → the address (without angle brackets) and the parameters.
    static func path(_ argument: Substring, keyword: String) -> (String, [Substring])? {
        guard argument.uppercased().hasPrefix(keyword) else { return nil }
        let rest = argument.dropFirst(keyword.count).drop { $0 == " " }
        guard rest.first == "<", let close = rest.firstIndex(of: ">") else { return nil }
        let address = String(rest[rest.index(after: rest.startIndex)..<close])
        let parameters = rest[rest.index(after: close)...].split(separator: " ")
        return (address, parameters)
    }

    /// An AUTH line as recorded: the mechanism kept, any initial response replaced.
    static func redactAuth(_ line: String) -> String {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        return parts.count > 2 ? parts[0..<2].joined(separator: " ") + " " + FakeSMTPMailbox.redacted : line
    }

    static func decodeBase64Bytes(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { Array($0) }
    }

    static func decodeBase64(_ text: String) -> String? {
        decodeBase64Bytes(text).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// What outlives one SMTP connection: the replies scripted for later, what was accepted, and what
/// the wire carried (credentials redacted).
public struct FakeSMTPMailbox: Sendable {
    /// What replaces a credential in `commands`.
    public static let redacted = "<redacted>"

    /// Messages accepted (250 after DATA), in order.
    public internal(set) var deliveries: [FakeSMTP.Delivery] = []
    /// Every AUTH exchange that reached a verdict (accepted, refused, cancelled or undecodable).
    public internal(set) var authAttempts: [FakeSMTP.AuthAttempt] = []
    /// Every line received outside DATA, in order, all connections together; an AUTH initial
    /// response and each AUTH continuation line appear as `redacted`. Lines discarded while STARTTLS
    /// was being negotiated are not here.
    public internal(set) var commands: [String] = []
    var scripts: [FakeSMTP.ScriptedReply] = []

    public init() {}

    public mutating func script(_ reply: FakeSMTP.ScriptedReply) { scripts.append(reply) }

    mutating func takeGreeting() -> FakeSMTP.Reply? {
        take { if case .greeting = $0 { true } else { false } }
    }

    mutating func takeRecipientReply(for address: String) -> FakeSMTP.Reply? {
        take { if case .rcpt(let scripted, _, _, _) = $0 { scripted.lowercased() == address.lowercased() } else { false } }
    }

    mutating func takeDataReply() -> FakeSMTP.Reply? {
        take { if case .data = $0 { true } else { false } }
    }

    /// The first matching script's reply, counting one use of it.
    private mutating func take(where matches: (FakeSMTP.ScriptedReply) -> Bool) -> FakeSMTP.Reply? {
        guard let index = scripts.firstIndex(where: matches) else { return nil }
        let (reply, remaining) = scripts[index].used()
        if let remaining { scripts[index] = remaining } else { scripts.remove(at: index) }
        return reply
    }
}
