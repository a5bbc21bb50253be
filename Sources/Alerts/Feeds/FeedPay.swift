/// Pay as an applicant-tracking system states it: amounts, a currency and a period. Stored
/// postings hold annual amounts, so a period other than a year is multiplied out here; an amount
/// paid once (a signing bonus) or with no period is not pay by the year at all and is left out.
struct FeedPay: Sendable, Hashable {
    var min: Double?
    var max: Double?
    /// ISO 4217, upper-cased.
    var currency: String?

    /// Amounts per period times the periods in a year: 2,080 working hours, 260 working days,
    /// 52 weeks, 12 months. Nil when there is no amount, or the period is not one of these.
    static func annual(min: Double?, max: Double?, currency: String?, periodsPerYear: Double?) -> FeedPay? {
        guard let periodsPerYear, periodsPerYear > 0 else { return nil }
        func yearly(_ amount: Double?) -> Double? {
            guard let amount, amount.isFinite, amount > 0 else { return nil }
            return (amount * periodsPerYear).rounded()
        }
        let pay = FeedPay(
            min: yearly(min), max: yearly(max),
            currency: currency.map { FeedText.trimmed($0).uppercased() }.flatMap { $0.isEmpty ? nil : $0 })
        return pay.min == nil && pay.max == nil ? nil : pay
    }

    /// How many of a unit there are in a year, for the units pay is stated in.
    static func periodsPerYear(unit: String) -> Double? {
        switch unit.lowercased() {
        case "hour", "hours", "hourly": 2080
        case "day", "days", "daily": 260
        case "week", "weeks", "weekly": 52
        case "month", "months", "monthly": 12
        case "year", "years", "yearly", "annual", "annually": 1
        default: nil
        }
    }

    /// Fills an item's pay fields.
    func apply(to item: inout FeedItem) {
        item.salaryMin = min
        item.salaryMax = max
        item.salaryCurrency = currency
    }
}
