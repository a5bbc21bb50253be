import Support

/// The `format` values checked when `Options.assertFormat` is on. Each follows its RFC
/// strictly, ASCII only: an RFC 3339 date with a Bengali digit in it is not a date.
enum StringFormat: String, Sendable {
    case date
    case dateTime = "date-time"
    case time
    case email
    case uri
    case uuid

    /// What a valid value looks like, for messages.
    var expectation: String {
        switch self {
        case .date: "an RFC 3339 full-date, YYYY-MM-DD"
        case .dateTime: "an RFC 3339 date-time such as 2024-05-01T13:45:00Z"
        case .time: "an RFC 3339 time with an offset, such as 13:45:00Z"
        case .email: "an email address such as name@example.com"
        case .uri: "an absolute URI with a scheme, such as https://example.com/page"
        case .uuid: "a UUID, 8-4-4-4-12 hexadecimal digits"
        }
    }

    func accepts(_ string: String) -> Bool {
        switch self {
        case .date: return DateTimeText.isFullDate(string)
        case .dateTime: return DateTimeText.read(string, .rfc3339) != nil
        case .time: return DateTimeText.isFullTime(string)
        case .email: return FormatCheckers.isEmail(Array(string.utf8)[...])
        case .uri: return FormatCheckers.isURI(Array(string.utf8)[...])
        case .uuid: return FormatCheckers.isUUID(Array(string.utf8)[...])
        }
    }
}

/// The checks, on UTF-8 bytes: every format here is ASCII, so any other byte fails.
enum FormatCheckers {
    typealias Bytes = ArraySlice<UInt8>

    // MARK: Email (RFC 5321 section 4.1.2 Mailbox)

    /// Local-part "@" ( Domain / address-literal ), where the local part is a dot-string (atoms
    /// joined by single dots) or a quoted string.
    static func isEmail(_ bytes: Bytes) -> Bool {
        guard let domainStart = localPartEnd(bytes), bytes[domainStart] == UInt8(ascii: "@") else { return false }
        // RFC 5321 section 4.5.3.1.1: a local part is at most 64 octets.
        guard bytes.distance(from: bytes.startIndex, to: domainStart) <= 64 else { return false }
        let domain = bytes[(domainStart + 1)...]
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            let literal = domain.dropFirst().dropLast()
            if literal.starts(with: "IPv6:".utf8) { return isIPv6(literal.dropFirst(5)) }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }

    /// The index just after the local part, or nil if there is no valid one.
    private static func localPartEnd(_ bytes: Bytes) -> Int? {
        var index = bytes.startIndex
        if bytes.first == UInt8(ascii: "\"") {
            // Quoted-string: printable ASCII, with " and \ only as \-escaped pairs.
            index += 1
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { return index + 1 < bytes.endIndex ? index + 1 : nil }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.endIndex, (32...126).contains(bytes[index]) else { return nil }
                } else if !(32...126).contains(byte) {
                    return nil
                }
                index += 1
            }
            return nil
        }
        // Dot-string: atoms of atext, separated by single dots, no dot at either end.
        var atomLength = 0
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: "@") {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard atomLength > 0 else { return nil }
                atomLength = 0
            } else {
                guard isAtext(byte) else { return nil }
                atomLength += 1
            }
            index += 1
        }
        return atomLength > 0 && index < bytes.endIndex ? index : nil
    }

    private static func isAtext(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }

    /// Labels of letters, digits and inner hyphens, at most 63 long, joined by dots; at most
    /// 253 characters in all (RFC 1123 section 2.1).
    static func isHostname(_ bytes: Bytes) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        return bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
                && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
        }
    }

    // MARK: IP addresses (RFC 3986 section 3.2.2)

    /// Four decimal octets 0-255, without leading zeros.
    static func isIPv4(_ bytes: Bytes) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(isDigit)
                    && (part.count == 1 || part.first != UInt8(ascii: "0"))
                    && Int(String(decoding: part, as: UTF8.self))! <= 255
            }
    }

    /// Eight groups of 1-4 hex digits, or fewer with one "::" standing for the missing zero
    /// groups; the last two groups may be written as an IPv4 address.
    static func isIPv6(_ bytes: Bytes) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return false }
        var groupCount = 0
        for (halfIndex, half) in halves.enumerated() where !half.isEmpty {
            let groups = half.split(separator: ":", omittingEmptySubsequences: false)
            for (groupIndex, group) in groups.enumerated() {
                let isLast = halfIndex == halves.count - 1 && groupIndex == groups.count - 1
                if isLast, group.contains("."), isIPv4(Array(group.utf8)[...]) {
                    groupCount += 2
                } else if (1...4).contains(group.utf8.count), group.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit) {
                    groupCount += 1
                } else {
                    return false
                }
            }
        }
        // "::" stands for at least one zero group.
        return halves.count == 2 ? groupCount <= 7 : groupCount == 8
    }

    // MARK: URI (RFC 3986 section 3)

    /// URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]: absolute, with a scheme.
    static func isURI(_ bytes: Bytes) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), isScheme(bytes[..<colon]) else { return false }
        var rest = bytes[(colon + 1)...]
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            guard isURIText(rest[(hash + 1)...], allowing: "/?:@") else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            guard isURIText(rest[(question + 1)...], allowing: "/?:@") else { return false }
            rest = rest[..<question]
        }
        if rest.starts(with: "//".utf8) {
            let authorityAndPath = rest.dropFirst(2)
            let pathStart = authorityAndPath.firstIndex(of: UInt8(ascii: "/")) ?? authorityAndPath.endIndex
            guard isAuthority(authorityAndPath[..<pathStart]) else { return false }
            rest = authorityAndPath[pathStart...]
        }
        return isURIText(rest, allowing: "/:@")
    }

    /// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    private static func isScheme(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || "+-.".utf8.contains($0) }
    }

    /// authority = [ userinfo "@" ] host [ ":" port ], host being an IP literal in brackets or
    /// a reg-name (which includes dotted IPv4 addresses).
    private static func isAuthority(_ bytes: Bytes) -> Bool {
        var hostAndPort = bytes
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            guard isURIText(bytes[..<at], allowing: ":") else { return false }
            hostAndPort = bytes[(at + 1)...]
        }
        var port: Bytes = []
        if hostAndPort.first == UInt8(ascii: "[") {
            guard let close = hostAndPort.firstIndex(of: UInt8(ascii: "]")), isIPLiteral(hostAndPort[(hostAndPort.startIndex + 1)..<close])
            else { return false }
            let afterHost = hostAndPort[(close + 1)...]
            if !afterHost.isEmpty {
                guard afterHost.first == UInt8(ascii: ":") else { return false }
                port = afterHost.dropFirst()
            }
        } else {
            if let colon = hostAndPort.firstIndex(of: UInt8(ascii: ":")) {
                port = hostAndPort[(colon + 1)...]
                hostAndPort = hostAndPort[..<colon]
            }
            guard isURIText(hostAndPort, allowing: "") else { return false }
        }
        return port.allSatisfy(isDigit)
    }

    /// IP-literal contents: an IPv6 address, or IPvFuture ("v" hex "." characters).
    private static func isIPLiteral(_ bytes: Bytes) -> Bool {
        if bytes.first == UInt8(ascii: "v") || bytes.first == UInt8(ascii: "V") {
            let parts = bytes.dropFirst().split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(isHexDigit) && !parts[1].isEmpty
                && isURIText(parts[1], allowing: ":")
        }
        return isIPv6(bytes)
    }

    /// Unreserved characters, sub-delims and %XX escapes, plus the characters in `extra`.
    private static func isURIText(_ bytes: Bytes, allowing extra: String) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                    return false
                }
                index += 3
                continue
            }
            let isUnreserved = isAlphanumeric(byte) || "-._~".utf8.contains(byte)
            let isSubDelimiter = "!$&'()*+,;=".utf8.contains(byte)
            guard isUnreserved || isSubDelimiter || extra.utf8.contains(byte) else { return false }
            index += 1
        }
        return true
    }

    // MARK: UUID (RFC 9562)

    /// 8-4-4-4-12 hex digits, any case, any version.
    static func isUUID(_ bytes: Bytes) -> Bool {
        guard bytes.count == 36 else { return false }
        return bytes.indices.allSatisfy { index in
            let offset = index - bytes.startIndex
            return [8, 13, 18, 23].contains(offset) ? bytes[index] == UInt8(ascii: "-") : isHexDigit(bytes[index])
        }
    }

    // MARK: Characters

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
