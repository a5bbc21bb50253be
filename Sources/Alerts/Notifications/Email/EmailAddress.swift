/// An email address as alerts take one: `local@domain`, ASCII, with nothing that could end an
/// SMTP command or a header early. Internationalized addresses (SMTPUTF8) are not taken.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64, text.utf8.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else { return false }
        // Printable ASCII without spaces, angle brackets, quotes, commas or semicolons.
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && !"<>\"(),;:[]\\\\".unicodeScalars.contains(scalar)
        }
    }

    /// The domain in lower case (it is case-insensitive; the local part may not be).
    public static func normalized(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        return text[..<at] + "@" + text[text.index(after: at)...].lowercased()
    }
}
