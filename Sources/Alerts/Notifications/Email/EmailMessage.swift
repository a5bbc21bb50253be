import Extraction
import Foundation
import Support

/// An email as it goes on the wire (RFC 5322 with MIME): a text and an HTML part of the same
/// content, headers folded and encoded, CRLF line ends. libcurl dot-stuffs the lines itself, so
/// this does not. Pure: the same fields give the same bytes, so a retry after a crash resends the
/// same message, Message-ID included.
public struct EmailMessage: Sendable, Hashable {
    public var from: String
    public var fromName: String
    public var to: String
    public var subject: String
    public var text: String
    public var html: String
    /// `<id@host>` without the angle brackets, stable per outbox entry.
    public var messageID: String
    /// Unix milliseconds.
    public var date: Int64
    /// Where the recipient can stop these mails: an `https:` link (one click, RFC 8058) and/or a
    /// `mailto:`. Empty leaves the header out.
    public var unsubscribe: [String]

    public init(
        from: String, fromName: String, to: String, subject: String, text: String, html: String, messageID: String, date: Int64,
        unsubscribe: [String] = []
    ) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.unsubscribe = unsubscribe
    }

    public var bytes: [UInt8] { Array(rendered.utf8) }

    /// The whole message, CRLF line ends; headers ASCII, bodies base64 in 76-character lines.
    public var rendered: String {
        // Derived from the content, so it is the same for the same message and cannot occur in
        // base64 bodies, whose alphabet has no "-".
        let boundary = "hp-alt-" + String(StableHash.fnv1a(messageID), radix: 16)
        var headers: [String] = [
            "From: \(Self.encodedWords(fromName)) <\(from)>",
            "To: <\(to)>",
            "Subject: \(Self.encodedWords(subject))",
            "Date: \(Self.date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            // Out-of-office replies are not wanted for automatic mail (RFC 3834).
            "Auto-Submitted: auto-generated",
        ]
        if !unsubscribe.isEmpty {
            // One address a line, folded, to keep within 78 characters where the addresses allow.
            headers.append("List-Unsubscribe: " + unsubscribe.map { "<\($0)>" }.joined(separator: ",\r\n "))
            if unsubscribe.contains(where: { $0.hasPrefix("https:") }) {
                headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
            }
        }
        headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        var lines = headers
        lines.append("")
        // The plain part first, the HTML last: the last is the one a client prefers (RFC 2046 §5.1.4).
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines.append(contentsOf: Self.base64Lines(body))
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// ASCII text as it is; anything else as RFC 2047 encoded words of at most 75 characters,
    /// split between characters and folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        let clean = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        guard clean.unicodeScalars.contains(where: { !$0.isASCII }) else { return clean }
        var words: [String] = []
        var chunk = ""
        for character in clean {
            // 39 bytes of UTF-8 make 52 characters of base64: a 64-character word, which leaves
            // room for "Subject: " within the 76 of a line that holds encoded words (RFC 2047 §2).
            if chunk.utf8.count + character.utf8.count > 39 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ body: String) -> [String] {
        let encoded = Data(body.utf8).base64EncodedString()
        var lines: [String] = []
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[start..<end]))
            start = end
        }
        return lines
    }

    /// "Tue, 03 Jun 2025 14:05:09 +0000", in English whatever the locale (RFC 5322 §3.3).
    static func date(_ milliseconds: Int64) -> String {
        let seconds = Int(milliseconds.floorDivided(by: 1000))
        let days = seconds.floorDivided(by: 86_400)
        let (year, month, day) = CivilCalendar.date(days: days)
        let time = seconds - days * 86_400
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[((days % 7) + 7) % 7]), \(two(day)) \(months[month - 1]) \(year) "
            + "\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60)) +0000"
    }
}

extension BinaryInteger {
    fileprivate func floorDivided(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
