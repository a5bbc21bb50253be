public import Domain

/// The first report of each stage of one journey (one author at one company), by `Stage.allCases`
/// position: what the rollups are folded from. Six plain integers, so that a window over millions
/// of journeys costs no allocation per journey.
public struct FirstReportTimes: Sendable, Hashable {
    /// An absent stage.
    static let absent = Int64.min
    static let stageCount = 6

    private var times: (Int64, Int64, Int64, Int64, Int64, Int64) = (absent, absent, absent, absent, absent, absent)

    public init() {}

    public init(_ reports: [Stage: Int64]) {
        for (stage, at) in reports { self[stage] = at }
    }

    /// The time of the stage at `position` in `Stage.allCases`, nil when it was not reported.
    public subscript(position: Int) -> Int64? {
        get {
            let value: Int64
            switch position {
            case 0: value = times.0
            case 1: value = times.1
            case 2: value = times.2
            case 3: value = times.3
            case 4: value = times.4
            default: value = times.5
            }
            return value == Self.absent ? nil : value
        }
        set {
            let value = newValue ?? Self.absent
            switch position {
            case 0: times.0 = value
            case 1: times.1 = value
            case 2: times.2 = value
            case 3: times.3 = value
            case 4: times.4 = value
            default: times.5 = value
            }
        }
    }

    public subscript(stage: Stage) -> Int64? {
        get { self[Self.position(of: stage)] }
        set { self[Self.position(of: stage)] = newValue }
    }

    public var isEmpty: Bool { self == FirstReportTimes() }

    public static func == (lhs: FirstReportTimes, rhs: FirstReportTimes) -> Bool {
        lhs.times == rhs.times
    }

    public func hash(into hasher: inout Hasher) {
        for position in 0..<Self.stageCount { hasher.combine(self[position]) }
    }

    /// Keeps the earlier of the current first report of `position` and `at`.
    public mutating func report(_ position: Int, at: Int64) {
        if let current = self[position], current <= at { return }
        self[position] = at
    }

    /// Only the first reports inside `lower...upper`.
    public func within(_ lower: Int64, _ upper: Int64) -> FirstReportTimes {
        var kept = FirstReportTimes()
        for position in 0..<Self.stageCount {
            if let at = self[position], at >= lower && at <= upper { kept[position] = at }
        }
        return kept
    }

    public static func position(of stage: Stage) -> Int {
        switch stage {
        case .applied: 0
        case .oa: 1
        case .phone: 2
        case .onsite: 3
        case .offer: 4
        case .rejected: 5
        }
    }

    /// The funnel stages are positions 0 through 4; rejected is 5.
    static let rejectedPosition = 5
    static let funnelCount = 5

    /// The furthest funnel position reached, -1 for none; a rejection alone means applied.
    public var furthestFunnelPosition: Int {
        for position in stride(from: Self.funnelCount - 1, through: 0, by: -1) where self[position] != nil { return position }
        return self[Self.rejectedPosition] == nil ? -1 : 0
    }

    /// When the funnel stage at `position` happened, for a reached stage: the earliest report of it,
    /// of any later funnel stage, or of the rejection, so that time never runs backwards
    /// (`Journey.effectiveTimes`). Nil when none of those was reported.
    public func effectiveTime(_ position: Int) -> Int64? {
        var earliest = self[Self.rejectedPosition]
        for later in position..<Self.funnelCount {
            if let at = self[later], earliest.map({ at < $0 }) ?? true { earliest = at }
        }
        return earliest
    }
}
