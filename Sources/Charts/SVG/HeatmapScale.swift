/// The heatmap's shades: one hue, pale to dark blue, so order reads without a legend and on light and dark pages alike;
/// the text on each cell is dark or light by the shade's brightness.
enum HeatmapScale {
    // ColorBrewer's Blues without its near-white first step, which would vanish on a light page.
    private static let stops: [(Double, Double, Double)] = [
        (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214), (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107),
    ]

    static func fill(_ value: Double) -> String {
        let (red, green, blue) = shade(value)
        return "#" + hex(red) + hex(green) + hex(blue)
    }

    static func textColor(_ value: Double) -> String {
        let (red, green, blue) = shade(value)
        return (0.299 * red + 0.587 * green + 0.114 * blue) / 255 > 0.55 ? "#111111" : "#FFFFFF"
    }

    private static func shade(_ value: Double) -> (Double, Double, Double) {
        let clamped = value.isFinite ? min(max(value, 0), 1) : 0
        let position = clamped * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        let fraction = position - Double(lower)
        let (a, b) = (stops[lower], stops[lower + 1])
        return (a.0 + (b.0 - a.0) * fraction, a.1 + (b.1 - a.1) * fraction, a.2 + (b.2 - a.2) * fraction)
    }

    private static let digits = Array("0123456789ABCDEF")

    private static func hex(_ component: Double) -> String {
        let byte = Int(component.rounded())
        return String([digits[byte / 16], digits[byte % 16]])
    }
}
