import Foundation

/// A URL query as an HTML form sends it: `name=value` pairs split on `&`, `+` for a space, and
/// percent-escapes. Hummingbird's own parameters do not turn `+` into a space, which every
/// browser's GET form sends.
struct FormQuery: Sendable {
    private(set) var values: [String: String] = [:]

    init(_ query: String?) {
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            guard !name.isEmpty, values[name] == nil else { continue }
            values[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    /// The value of `name`, with surrounding white space removed; nil when absent or empty.
    subscript(name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The whole number `name` holds, within `range`; nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(DashboardError) -> Int? {
        guard let text = self[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    mutating func remove(_ name: String) {
        values[name] = nil
    }

    /// The pairs kept, encoded again, in name order.
    var encoded: String {
        Self.encode(values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `name=value&…` for a link, in the order given, leaving out nil values.
    static func encode(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { "\(escape(name))=\(escape($0))" } }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
