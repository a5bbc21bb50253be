/// The series colours: Okabe and Ito's palette, told apart by readers with the common colour-vision deficiencies, then a
/// neutral grey. A colour index wraps around, so any index names a colour.
public enum ChartPalette {
    public static let colors = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]
    /// The grey, for "other" and for what has no colour of its own.
    public static let neutral = 7

    public static func color(_ index: Int) -> String {
        let count = colors.count
        return colors[((index % count) + count) % count]
    }
}
