/// The recruiting stages a message can report, in funnel order, plus the terminal `rejected`.
public enum Stage: String, CaseIterable, Codable, Sendable, Hashable {
    case applied, oa, phone, onsite, offer, rejected

    /// The funnel, in order. `rejected` is terminal and can happen at any point, so it is not part of it.
    public static let funnel: [Stage] = [.applied, .oa, .phone, .onsite, .offer]

    /// Position in the funnel; nil for `rejected`.
    public var funnelIndex: Int? { Stage.funnel.firstIndex(of: self) }

    public var displayName: String {
        switch self {
        case .applied: "Applied"
        case .oa: "OA"
        case .phone: "Phone/R1"
        case .onsite: "Onsite/Final"
        case .offer: "Offer"
        case .rejected: "Rejected"
        }
    }

    /// How much a report of this stage says about a journey: a rejection ends it, and a later
    /// funnel stage says more than an earlier one. Used to keep one stage per company and message.
    public var precedence: Int {
        switch self {
        case .rejected: Stage.funnel.count
        default: funnelIndex ?? 0
        }
    }
}
