/// Lanes (companies) with events at UTC days, each event a marker in its category's colour (the stage reached).
public struct Timeline: Sendable, Hashable {
    public struct Category: Sendable, Hashable {
        public var name: String
        /// The palette colour (`ChartPalette`); nil takes the category's position.
        public var colorIndex: Int?

        public init(name: String, colorIndex: Int? = nil) {
            self.name = name
            self.colorIndex = colorIndex
        }
    }

    public struct Event: Sendable, Hashable {
        /// Days since 1970-01-01, UTC.
        public var day: Int64
        /// An index into the timeline's categories; one out of range draws grey.
        public var category: Int

        public init(day: Int64, category: Int) {
            self.day = day
            self.category = category
        }
    }

    public struct Lane: Sendable, Hashable {
        public var label: String
        public var events: [Event]

        public init(label: String, events: [Event]) {
            self.label = label
            self.events = events
        }
    }

    public var lanes: [Lane]
    public var categories: [Category]

    public init(lanes: [Lane], categories: [Category]) {
        self.lanes = lanes
        self.categories = categories
    }
}
