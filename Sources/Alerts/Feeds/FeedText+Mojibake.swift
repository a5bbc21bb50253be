/// Repairing UTF-8 that was decoded as Windows-1252 or Latin-1 somewhere upstream, as RemoteOK's
/// descriptions and many scraped titles are.
extension FeedText {
    /// Repairs text whose UTF-8 bytes were decoded as Windows-1252 or Latin-1 somewhere upstream:
    /// "Itâ€™s" becomes "It’s", "CafÃ©" becomes "Café". Text without the telltale "Ã", "Â" or
    /// "â€" is returned as it is, and a repair is kept only when it leaves fewer of them, so valid
    /// text ("São Paulo", "Ångström") is never made worse.
    public static func repairMojibake(_ text: String) -> String {
        guard mayContainMojibake(text) else { return text }
        var best = text
        var bestCount = mojibakeMarkerCount(text)
        // Text mangled twice ("Ãƒ©") takes two rounds.
        for _ in 0..<2 where bestCount > 0 {
            guard let candidate = reencodedAsUTF8(best) ?? repairedSequences(best) else { break }
            let count = mojibakeMarkerCount(candidate)
            guard count < bestCount else { break }
            (best, bestCount) = (candidate, count)
        }
        return best
    }

    /// A quick look at the bytes for "Ã" (C3 83), "Â" (C3 82) or "â" (C3 A2), before any real work.
    private static func mayContainMojibake(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == 0xC3, byte == 0x82 || byte == 0x83 || byte == 0xA2 { return true }
            previous = byte
        }
        return false
    }

    /// How many "Ã", "Â" and "â€" (or "â" before another byte of a sequence, as in "â„¢") the
    /// text holds: what the first byte of a two- or three-byte UTF-8 sequence turns into, and
    /// what real text rarely has.
    private static func mojibakeMarkerCount(_ text: String) -> Int {
        var count = 0
        var previous: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            if scalar == "\u{C3}" || scalar == "\u{C2}" || previous == "\u{E2}" && isContinuation(scalar) { count += 1 }
            previous = scalar
        }
        return count
    }

    /// Whether the scalar could have come from a UTF-8 continuation byte (0x80–0xBF).
    private static func isContinuation(_ scalar: Unicode.Scalar) -> Bool {
        windows1252Byte(scalar).map { (0x80...0xBF).contains($0) } ?? false
    }

    /// The byte a scalar would have been decoded from as Windows-1252 (or Latin-1, for the C1
    /// controls that some decoders pass through), or nil when no single byte decodes to it.
    private static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        scalar.value <= 0xFF ? UInt8(scalar.value) : FeedCharacterTables.windows1252Byte[scalar]
    }

    /// The whole text turned back into the bytes it was decoded from and read as UTF-8; nil when
    /// some character could not have come from one byte, or the bytes are not UTF-8.
    private static func reencodedAsUTF8(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let byte = windows1252Byte(scalar) else { return nil }
            bytes.append(byte)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// For text that mixes mojibake with characters that were never mangled ("café, Itâ€™s"):
    /// repairs each "Ã"/"Â" + one byte and "â" + two bytes that form a UTF-8 sequence, leaving
    /// the rest as it is. Only these lead characters are trusted: other pairs such as "ß“" occur
    /// in real text.
    private static func repairedSequences(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var changed = false
        var index = 0
        func continuation(_ offset: Int) -> UInt32? {
            guard index + offset < scalars.count, isContinuation(scalars[index + offset]),
                let byte = windows1252Byte(scalars[index + offset])
            else { return nil }
            return UInt32(byte & 0x3F)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{C2}" || scalar == "\u{C3}", let low = continuation(1) {
                output.append(Unicode.Scalar((scalar.value & 0x1F) << 6 | low)!)
                index += 2
                changed = true
            } else if scalar == "\u{C2}", index > 0, !scalars[index - 1].properties.isWhitespace,
                index + 1 < scalars.count, scalars[index + 1] == " "
            {
                // "wordÂ next" is a no-break space (C2 A0) whose second byte later became a space.
                // A real "Â" starts a word, so one after a space stays.
                output.append(" ")
                index += 2
                changed = true
            } else if scalar == "\u{E2}", let middle = continuation(1), let low = continuation(2) {
                output.append(Unicode.Scalar(0x2000 | middle << 6 | low)!)
                index += 3
                changed = true
            } else {
                output.append(scalar)
                index += 1
            }
        }
        return changed ? String(output) : nil
    }
}
