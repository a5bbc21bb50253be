/// A UTC day number as a calendar date, by Howard Hinnant's `civil_from_days`: no Foundation calendar, no time zone.
struct CivilDate: Hashable {
    let year: Int64
    let month: Int
    let day: Int

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `days`: days since 1970-01-01.
    init(days: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// "Nov 3": an axis tick within a year.
    var monthDay: String { "\(Self.monthNames[month - 1]) \(day)" }
    /// "Nov 2026": an axis tick when the axis spans years.
    var monthYear: String { "\(Self.monthNames[month - 1]) \(year)" }
    /// "Nov 3, 2026": a tooltip.
    var full: String { "\(monthDay), \(year)" }
}
