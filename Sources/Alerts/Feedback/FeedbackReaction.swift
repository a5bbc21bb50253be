/// What a member said of a job alert with its buttons (Discord) or inline keyboard (Telegram).
public enum FeedbackReaction: String, Sendable, Hashable, CaseIterable {
    /// 👍: more like this.
    case relevant
    /// 👎: less like this.
    case notForMe = "not_for_me"
    /// 🚫: nothing more from this company, for this alert.
    case neverCompany = "never_company"

    /// The short code a button carries ("up", "down", "never"): Telegram's callback data is at
    /// most 64 bytes.
    public var code: String {
        switch self {
        case .relevant: "up"
        case .notForMe: "down"
        case .neverCompany: "never"
        }
    }

    public init?(code: String) {
        guard let reaction = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = reaction
    }

    /// The button's label: "👍 Relevant", "👎 Not for me", "🚫 Never Acme".
    public func label(company: String?) -> String {
        switch self {
        case .relevant: "👍 Relevant"
        case .notForMe: "👎 Not for me"
        case .neverCompany: "🚫 Never \(company ?? "this company")"
        }
    }

    /// The reactions a notification offers: never-this-company only when the company is known.
    public static func offered(company: String?) -> [FeedbackReaction] {
        company?.isEmpty == false ? allCases : [.relevant, .notForMe]
    }
}
