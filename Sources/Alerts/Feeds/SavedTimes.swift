/// How the saved feed state, feed health and admin reports write their instants, and how those
/// saved before are read. They are kept as JSON in the settings table (`feed_state:<name>`,
/// `feed_health:<name>`), so a daemon that is upgraded reads what the one before it wrote.
///
/// Now: Unix milliseconds (`Int64`), as the store keeps every other time, with `"times":
/// "unix_ms"` beside them. Before: Foundation's default `Codable` `Date`, seconds since
/// 2001-01-01 as a `Double`, with no marker; those are read to the millisecond they fall in.
enum SavedTimes {
    static let marker = "unix_ms"
    /// Seconds from 1970-01-01 to 2001-01-01, where Foundation's `Date` counts from.
    static let referenceDateSeconds: Double = 978_307_200

    /// Unix milliseconds of a time saved as seconds since 2001-01-01.
    static func milliseconds(sinceReferenceDate seconds: Double) -> Int64 {
        Int64(((seconds + referenceDateSeconds) * 1000).rounded(.down))
    }

    /// Whether `container` was written before instants were Unix milliseconds: it has no
    /// `times` marker. A marker this code does not know is an error, not a guess.
    static func isLegacy<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, key: Key) throws -> Bool {
        guard let marker = try container.decodeIfPresent(String.self, forKey: key) else { return true }
        guard marker == Self.marker else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "unknown time format \(marker)")
        }
        return false
    }
}

extension KeyedDecodingContainer {
    /// An instant in Unix milliseconds, or in a legacy container seconds since 2001-01-01.
    func decodeInstant(forKey key: Key, legacy: Bool) throws -> Int64? {
        if legacy {
            return try decodeIfPresent(Double.self, forKey: key).map(SavedTimes.milliseconds(sinceReferenceDate:))
        }
        return try decodeIfPresent(Int64.self, forKey: key)
    }
}
