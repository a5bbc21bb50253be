/// The rectangle inside the axes, with the value scale it maps upwards.
struct PlotArea {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }

    /// The y of a value on a scale from zero to `maximum`.
    func y(_ value: Double, maximum: Double) -> Double {
        bottom - height * min(value, maximum) / maximum
    }
}
