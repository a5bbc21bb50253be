/// Text from chat (company names, labels) made safe for SVG, in content and attributes alike: what XML 1.0 forbids dropped,
/// line breaks flattened (chart text is one line), the five special characters escaped.
enum XMLText {
    static func escaped(_ text: String) -> String {
        // Most text (numbers, colours, names) needs nothing: returned as it is, without a copy.
        guard text.utf8.contains(where: needsWork) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in sanitized(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Without the characters XML 1.0 does not allow (controls other than tab, newline and CR; U+FFFE, U+FFFF), and with
    /// tab, newline and CR as spaces.
    static func sanitized(_ text: String) -> String {
        guard text.utf8.contains(where: isControlOrNonCharacterLead) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x9, 0xA, 0xD: result.append(" ")
            case 0..<0x20, 0xFFFE, 0xFFFF: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether a UTF-8 byte may start something `escaped` changes: a special character, a control,
    /// or the lead byte of U+FFFE and U+FFFF (0xEF; a false alarm only costs the slow path).
    private static func needsWork(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'") || isControlOrNonCharacterLead(byte)
    }

    private static func isControlOrNonCharacterLead(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0xEF
    }

    /// At most `limit` characters, cut with "…" where it is longer; the caller keeps the whole text for a tooltip.
    static func fitted(_ text: String, limit: Int) -> String {
        let clean = sanitized(text)
        guard clean.count > limit else { return clean }
        guard limit > 1 else { return "…" }
        return String(clean.prefix(limit - 1)) + "…"
    }
}
