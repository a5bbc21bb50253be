/// A value axis from zero with round ticks: steps of 1, 2 or 5 times a power of ten, as many as fit the size's maximum.
struct NiceScale {
    let maximum: Double
    let ticks: [Double]

    init(dataMaximum: Double, format: ValueFormat, maximumTicks: Int) {
        // Shares run 0–100 % so that two percentage charts compare at a glance.
        if format == .percent && dataMaximum <= 1 {
            let steps = maximumTicks >= 6 ? 5 : 4
            maximum = 1
            ticks = (0...steps).map { Double($0) / Double(steps) }
            return
        }
        let top = dataMaximum.isFinite && dataMaximum > 0 ? dataMaximum : 1
        // The smallest 1-2-5 step that gives no more ticks than allowed, starting well below any useful step.
        var power = 1.0
        while power * 10 <= top { power *= 10 }
        while power > top { power /= 10 }
        power /= 100
        var step = power
        var multipliers = [1.0, 2, 5].makeIterator()
        while true {
            guard let multiplier = multipliers.next() else {
                power *= 10
                multipliers = [1.0, 2, 5].makeIterator()
                continue
            }
            step = multiplier * power
            // Counts and days tick at whole numbers.
            if format != .decimal && format != .percent && step < 1 { continue }
            if Self.steps(top, step) + 1 <= maximumTicks { break }
        }
        let count = Self.steps(top, step)
        maximum = Double(count) * step
        ticks = (0...count).map { Double($0) * step }
    }

    /// Steps from zero to at least `top`; a quotient a rounding error over a whole number (0.3 / 0.1) is that number.
    private static func steps(_ top: Double, _ step: Double) -> Int {
        Int((top / step - 1e-9).rounded(.up))
    }
}
