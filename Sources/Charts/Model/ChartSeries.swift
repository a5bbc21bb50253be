/// One named series of values, one value per category of a bar chart.
public struct ChartSeries: Sendable, Hashable {
    public var name: String
    /// One value per category, in the categories' order; a missing, negative or non-finite value draws as zero.
    public var values: [Double]
    /// The palette colour (`ChartPalette`); nil takes the series' position, so a caller that names the colour keeps, say,
    /// the stage "offer" the same colour in every chart.
    public var colorIndex: Int?

    public init(name: String, values: [Double], colorIndex: Int? = nil) {
        self.name = name
        self.values = values
        self.colorIndex = colorIndex
    }

    /// The value drawn for a category: counts and rates are never negative, and NaN must not reach the SVG.
    func value(at index: Int) -> Double {
        guard values.indices.contains(index) else { return 0 }
        return values[index].drawable
    }
}

extension Double {
    /// A value as the renderers draw it: negative and non-finite values as zero.
    var drawable: Double { isFinite && self > 0 ? self : 0 }
}
