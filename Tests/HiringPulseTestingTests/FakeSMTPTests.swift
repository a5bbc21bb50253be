import Foundation
import HiringPulseTesting
import Testing

/// The protocol, step by step, without sockets.
@Suite struct FakeSMTPSessionTests {
    static let credentials = FakeSMTP.Credentials(username: "user@example.com", password: "p@ss w0rd!")
    static let plainResponse = Data("\0user@example.com\0p@ss w0rd!".utf8).base64EncodedString()
    static let wrongPlainResponse = Data("\0user@example.com\0wrong".utf8).base64EncodedString()

    @Test func ehloOffersStartTLSInClearAndAuthOnlyOnceTLSIsUp() {
        let wire = Wire(mode: .startTLS, credentials: Self.credentials)
        #expect(wire.connect() == [.reply(.init(220, "fake-smtp.test ESMTP fake"))])
        let clear = wire.reply("EHLO client.example")
        #expect(clear?.code == 250)
        #expect(clear?.lines.contains("STARTTLS") == true)
        #expect(clear?.lines.contains { $0.hasPrefix("AUTH") } == false)
        #expect(wire.reply("AUTH PLAIN \(Self.plainResponse)")?.code == 530)
        #expect(wire.send("STARTTLS") == [.reply(.init(220, "2.0.0 Ready to start TLS")), .startTLS])
        // Lines that arrive before the handshake is done are dropped, not run once TLS is up.
        #expect(wire.send("MAIL FROM:<injected@example.com>") == [])
        #expect(wire.tlsEstablished() == [])
        #expect(wire.session.usesTLS)
        // The session starts over: EHLO again, and now AUTH is offered and STARTTLS is not.
        #expect(wire.reply("AUTH PLAIN \(Self.plainResponse)")?.code == 503)
        let secure = wire.reply("EHLO client.example")
        #expect(secure?.lines.contains("STARTTLS") == false)
        #expect(secure?.lines.contains("AUTH PLAIN LOGIN") == true)
        #expect(wire.reply("STARTTLS")?.code == 503)
        #expect(!wire.mailbox.commands.contains("MAIL FROM:<injected@example.com>"))
    }

    @Test func implicitTLSOffersAuthAndNoStartTLSAndPlaintextOffersAuthInClear() {
        let implicit = Wire(mode: .implicitTLS, credentials: Self.credentials)
        let secure = implicit.reply("EHLO client.example")
        #expect(secure?.lines.contains("AUTH PLAIN LOGIN") == true)
        #expect(secure?.lines.contains("STARTTLS") == false)
        #expect(implicit.reply("STARTTLS")?.code == 502)

        let plaintext = Wire(mode: .plaintext, credentials: Self.credentials)
        let clear = plaintext.reply("EHLO client.example")
        #expect(clear?.lines.contains("AUTH PLAIN LOGIN") == true)
        #expect(clear?.lines.contains("STARTTLS") == false)
        #expect(plaintext.reply("STARTTLS")?.code == 502)
    }

    @Test func authPlainWithAnInitialResponseOrAfter334AndWrongPasswordsAnswer535() {
        let wire = Wire.greeted()
        #expect(wire.reply("AUTH PLAIN \(Self.wrongPlainResponse)") == .init(535, "5.7.8 Authentication credentials invalid"))
        #expect(wire.reply("MAIL FROM:<a@example.com>")?.code == 530)
        #expect(wire.reply("AUTH PLAIN \(Self.plainResponse)")?.code == 235)
        #expect(wire.reply("AUTH PLAIN \(Self.plainResponse)")?.code == 503)

        wire.reconnect()
        _ = wire.reply("EHLO client.example")
        #expect(wire.reply("AUTH PLAIN") == .init(334, ""))
        #expect(wire.reply(Self.plainResponse)?.code == 235)

        #expect(
            wire.mailbox.authAttempts == [
                .init(mechanism: "PLAIN", username: "user@example.com", succeeded: false, usedTLS: true),
                .init(mechanism: "PLAIN", username: "user@example.com", succeeded: true, usedTLS: true),
                .init(mechanism: "PLAIN", username: "user@example.com", succeeded: true, usedTLS: true),
            ])
        // What the wire carried, without the credentials.
        let commands = wire.mailbox.commands
        #expect(commands.filter { $0.hasPrefix("AUTH") || $0 == FakeSMTPMailbox.redacted }.count == 5)
        #expect(commands.contains("AUTH PLAIN <redacted>"))
        #expect(!commands.contains { $0.contains(Self.plainResponse) || $0.contains(Self.wrongPlainResponse) })
    }

    @Test func authLoginAsksForUsernameThenPassword() {
        let wire = Wire.greeted()
        let username = Data("user@example.com".utf8).base64EncodedString()
        let password = Data("p@ss w0rd!".utf8).base64EncodedString()
        #expect(wire.reply("AUTH LOGIN") == .init(334, "VXNlcm5hbWU6"))
        #expect(wire.reply(username) == .init(334, "UGFzc3dvcmQ6"))
        #expect(wire.reply(Data("nope".utf8).base64EncodedString())?.code == 535)
        #expect(wire.reply("AUTH LOGIN")?.code == 334)
        #expect(wire.reply(username)?.code == 334)
        #expect(wire.reply(password) == .init(235, "2.7.0 Authentication successful"))
        #expect(wire.mailbox.authAttempts.map(\.succeeded) == [false, true])
        #expect(wire.mailbox.authAttempts.map(\.mechanism) == ["LOGIN", "LOGIN"])
        #expect(!wire.mailbox.commands.contains { $0.contains(username) || $0.contains(password) })
    }

    @Test func mailBeforeAuthAnswers530UnlessNoCredentialsAreSet() {
        let wire = Wire.greeted()
        #expect(wire.reply("MAIL FROM:<a@example.com>") == .init(530, "5.7.0 Authentication required"))
        let open = Wire(mode: .implicitTLS, credentials: nil)
        _ = open.reply("EHLO client.example")
        #expect(open.reply("MAIL FROM:<a@example.com> SIZE=1200")?.code == 250)
        #expect(open.reply("MAIL FROM:<a@example.com>")?.code == 503)
        #expect(open.reply("RSET")?.code == 250)
        #expect(open.reply("MAIL FROM:<a@example.com> SIZE=99999999")?.code == 552)
    }

    @Test func aScripted421AnswersOnceAndClosesThenRecipientsAreAccepted() {
        let wire = Wire.authenticated()
        wire.mailbox.script(.rcpt(address: "b@example.com", code: 421, text: "4.7.0 Try again later"))
        #expect(wire.reply("MAIL FROM:<a@example.com>")?.code == 250)
        #expect(wire.send("RCPT TO:<B@example.com>") == [.reply(.init(421, "4.7.0 Try again later")), .close])
        #expect(wire.send("QUIT") == [])

        wire.reconnect()
        _ = wire.reply("EHLO client.example")
        _ = wire.reply("AUTH PLAIN \(Self.plainResponse)")
        #expect(wire.reply("MAIL FROM:<a@example.com>")?.code == 250)
        #expect(wire.reply("RCPT TO:<b@example.com>") == .init(250, "2.1.5 OK"))
    }

    @Test func aScripted550AnswersEveryTimeForThatAddressOnly() {
        let wire = Wire.authenticated()
        wire.mailbox.script(.rcpt(address: "gone@example.com", code: 550, text: "5.1.1 No such user", times: .always))
        for _ in 0..<3 {
            #expect(wire.reply("MAIL FROM:<a@example.com>")?.code == 250)
            #expect(wire.reply("RCPT TO:<gone@example.com>") == .init(550, "5.1.1 No such user"))
            #expect(wire.reply("DATA")?.code == 503)
            #expect(wire.reply("RCPT TO:<here@example.com>")?.code == 250)
            #expect(wire.reply("RSET")?.code == 250)
        }
    }

    @Test func dataIsUnDotStuffedWithItsLineEndsKept() {
        let wire = Wire.authenticated()
        #expect(wire.reply("MAIL FROM:<a@example.com>")?.code == 250)
        #expect(wire.reply("RCPT TO:<b@example.com>")?.code == 250)
        #expect(wire.reply("RCPT TO:<c@example.com>")?.code == 250)
        #expect(wire.reply("DATA")?.code == 354)
        for line in ["Subject: dots", "", "..starts with a dot", "..", "...", "a . in the middle"] {
            #expect(wire.send(line) == [])
        }
        #expect(wire.reply(".") == .init(250, "2.0.0 OK: queued"))
        #expect(
            wire.mailbox.deliveries == [
                .init(
                    mailFrom: "a@example.com", recipients: ["b@example.com", "c@example.com"],
                    data: Array("Subject: dots\r\n\r\n.starts with a dot\r\n.\r\n..\r\na . in the middle\r\n".utf8),
                    authenticatedAs: "user@example.com", usedTLS: true)
            ])
        // The transaction is over: a new one needs MAIL again.
        #expect(wire.reply("RCPT TO:<b@example.com>")?.code == 503)
        #expect(!wire.mailbox.commands.contains("..starts with a dot"))
    }

    @Test func aScripted451AtTheEndOfDataRefusesThatMessageOnly() {
        let wire = Wire.authenticated()
        wire.mailbox.script(.data(code: 451, text: "4.3.0 Local error"))
        var endings: [FakeSMTP.Reply?] = []
        for _ in 0..<2 {
            _ = wire.reply("MAIL FROM:<a@example.com>")
            _ = wire.reply("RCPT TO:<b@example.com>")
            _ = wire.reply("DATA")
            _ = wire.send("Hello")
            endings.append(wire.reply("."))
        }
        #expect(endings.map { $0?.code } == [451, 250])
        #expect(wire.mailbox.deliveries.count == 1)
    }

    @Test func aScriptedGreetingRefusesTheConnection() {
        let wire = Wire(mode: .startTLS, credentials: Self.credentials)
        wire.mailbox.script(.greeting(code: 421, text: "4.3.2 Service not available"))
        #expect(wire.connect() == [.reply(.init(421, "4.3.2 Service not available")), .close])
        #expect(wire.send("EHLO client.example") == [])
        wire.reconnect()
        #expect(wire.connect() == [.reply(.init(220, "fake-smtp.test ESMTP fake"))])
    }

    @Test func multilineRepliesUseHyphensUntilTheLastLine() {
        #expect(FakeSMTP.Reply(250, ["a", "b", "c"]).wire == "250-a\r\n250-b\r\n250 c\r\n")
        #expect(FakeSMTP.Reply(334, "").wire == "334 \r\n")
    }

    /// A session and its mailbox, driven a line at a time.
    final class Wire {
        var session: FakeSMTPSession
        var mailbox = FakeSMTPMailbox()

        init(mode: FakeSMTP.Mode, credentials: FakeSMTP.Credentials?) {
            session = FakeSMTPSession(mode: mode, credentials: credentials)
        }

        /// Implicit TLS, EHLO sent.
        static func greeted() -> Wire {
            let wire = Wire(mode: .implicitTLS, credentials: FakeSMTPSessionTests.credentials)
            _ = wire.connect()
            _ = wire.reply("EHLO client.example")
            return wire
        }

        /// `greeted()`, then AUTH PLAIN accepted.
        static func authenticated() -> Wire {
            let wire = greeted()
            _ = wire.reply("AUTH PLAIN \(FakeSMTPSessionTests.plainResponse)")
            return wire
        }

        /// A new connection: a new session, the same mailbox.
        func reconnect() { session = FakeSMTPSession(mode: session.mode, credentials: session.credentials) }

        func connect() -> [FakeSMTPSession.Action] { session.handle(.connected, mailbox: &mailbox) }

        func tlsEstablished() -> [FakeSMTPSession.Action] { session.handle(.tlsEstablished, mailbox: &mailbox) }

        /// One line, CRLF added.
        func send(_ line: String) -> [FakeSMTPSession.Action] { session.handle(.line(Array((line + "\r\n").utf8)), mailbox: &mailbox) }

        /// The one reply to a line.
        func reply(_ line: String) -> FakeSMTP.Reply? {
            let replies = send(line).compactMap { action -> FakeSMTP.Reply? in if case .reply(let reply) = action { reply } else { nil } }
            return replies.count == 1 ? replies[0] : nil
        }
    }
}

/// The curl command-line tool, when it is there and speaks SMTP.
enum CurlCommand {
    static let path = "/usr/bin/curl"
    static let speaksSMTP: Bool = {
        guard FileManager.default.isExecutableFile(atPath: path) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--version"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let protocols = text.split(separator: "\n").first { $0.hasPrefix("Protocols:") }?.split(separator: " ") ?? []
        return protocols.contains("smtp") && protocols.contains("smtps")
    }()
}

/// The fake over real sockets, with the curl command-line tool as the client.
@Suite(.enabled(if: CurlCommand.speaksSMTP, "needs /usr/bin/curl with smtp and smtps"))
struct FakeSMTPCurlTests {
    /// Starts and ends with a dot line, so curl's dot-stuffing and the fake's undoing of it both show.
    static let message = Array(
        "From: <a@example.com>\r\nTo: <b@example.com>\r\nSubject: test\r\n\r\n.a line with a leading dot\r\nbody\r\n.\r\n".utf8)

    @Test func startTLSThenAuthLogin() async throws {
        try await FakeSMTP.withRunning(mode: .startTLS) { smtp in
            let status = try await Self.send(to: smtp, extra: ["--login-options", "AUTH=LOGIN"])
            #expect(status == 0)
            let deliveries = await smtp.deliveries()
            #expect(deliveries.count == 1)
            #expect(deliveries.first?.data == Self.message)
            #expect(deliveries.first?.mailFrom == "a@example.com")
            #expect(deliveries.first?.recipients == ["b@example.com"])
            #expect(deliveries.first?.authenticatedAs == FakeSMTP.Credentials.fake.username)
            #expect(deliveries.first?.usedTLS == true)
            #expect(
                await smtp.authAttempts() == [.init(mechanism: "LOGIN", username: "alerts@example.com", succeeded: true, usedTLS: true)])
            let commands = await smtp.commands()
            #expect(commands.first?.hasPrefix("EHLO") == true)
            #expect(commands.contains("STARTTLS"))
            #expect(commands.contains("AUTH LOGIN"))
            #expect(commands.filter { $0 == FakeSMTPMailbox.redacted }.count == 2)
            #expect(commands.contains { $0.hasPrefix("MAIL FROM:<a@example.com>") })
            #expect(commands.suffix(3) == ["RCPT TO:<b@example.com>", "DATA", "QUIT"])
            Self.expectNoCredentials(in: commands)
        }
    }

    @Test func implicitTLSWithAuthPlainInTheFirstLine() async throws {
        try await FakeSMTP.withRunning(mode: .implicitTLS) { smtp in
            #expect(smtp.url.hasPrefix("smtps://127.0.0.1:"))
            let status = try await Self.send(to: smtp, extra: ["--sasl-ir"])
            #expect(status == 0)
            let deliveries = await smtp.deliveries()
            #expect(deliveries.map(\.data) == [Self.message])
            #expect(deliveries.first?.usedTLS == true)
            #expect(await smtp.authAttempts().map(\.mechanism) == ["PLAIN"])
            let commands = await smtp.commands()
            #expect(commands.contains("AUTH PLAIN <redacted>"))
            #expect(!commands.contains("STARTTLS"))
            Self.expectNoCredentials(in: commands)
        }
    }

    @Test func aRecipientRefusedWith550FailsTheSend() async throws {
        try await FakeSMTP.withRunning(mode: .startTLS) { smtp in
            smtp.script(.rcpt(address: "b@example.com", code: 550, text: "5.1.1 No such user", times: .always))
            let status = try await Self.send(to: smtp)
            #expect(status == 55) // CURLE_SEND_ERROR: "RCPT failed: 550"
            #expect(await smtp.deliveries().isEmpty)
            #expect(await smtp.commands().contains("RCPT TO:<b@example.com>"))
        }
    }

    @Test func aWrongPasswordIsRefusedWith535() async throws {
        try await FakeSMTP.withRunning(mode: .implicitTLS) { smtp in
            let status = try await Self.send(to: smtp, password: "not-the-password")
            #expect(status == 67) // CURLE_LOGIN_DENIED
            #expect(await smtp.deliveries().isEmpty)
            #expect(await smtp.authAttempts().map(\.succeeded) == [false])
        }
    }

    @Test func aClientThatRequiresTLSSendsNoCredentialsToAServerWithout() async throws {
        try await FakeSMTP.withRunning(mode: .plaintext) { smtp in
            let status = try await Self.send(to: smtp)
            #expect(status == 64) // CURLE_USE_SSL_FAILED: "STARTTLS not supported."
            #expect(await smtp.authAttempts().isEmpty)
            let commands = await smtp.commands()
            #expect(commands.contains { $0.hasPrefix("EHLO") })
            #expect(!commands.contains { $0.hasPrefix("AUTH") })
        }
    }

    /// Sends `message` from a@example.com to b@example.com with curl, TLS required and the fake's
    /// certificate trusted; curl's exit status. Its output is discarded unread: nothing of it, nor the
    /// password on its command line, reaches the test log.
    static func send(to smtp: FakeSMTP, password: String = FakeSMTP.Credentials.fake.password, extra: [String] = []) async throws -> Int32 {
        let directory = try TemporaryDirectory(prefix: "fake-smtp")
        defer { directory.remove() }
        try Data(FakeSMTP.certificatePEM.utf8).write(to: URL(fileURLWithPath: directory.file("cert.pem")))
        try Data(message).write(to: URL(fileURLWithPath: directory.file("message.eml")))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CurlCommand.path)
        process.arguments =
            [
                "--silent", "--max-time", "20", "--url", smtp.url, "--ssl-reqd", "--cacert", directory.file("cert.pem"),
                "--mail-from", "a@example.com", "--mail-rcpt", "b@example.com", "--upload-file", directory.file("message.eml"),
                "--user", "\(FakeSMTP.Credentials.fake.username):\(password)",
            ] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    static func expectNoCredentials(in commands: [String]) {
        let password = FakeSMTP.Credentials.fake.password
        let encoded = [
            Data(password.utf8).base64EncodedString(),
            Data("\0\(FakeSMTP.Credentials.fake.username)\0\(password)".utf8).base64EncodedString(),
        ]
        #expect(!commands.contains { line in line.contains(password) || encoded.contains { line.contains($0) } })
    }
}
