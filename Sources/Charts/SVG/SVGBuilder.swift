/// Writes SVG elements one per line; every attribute value and every text is escaped here, so no caller can forget.
/// Everything is appended to the one text in place: a heatmap of hundreds of companies has thousands of elements.
struct SVGBuilder {
    private(set) var text = ""

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        start(name, attributes)
        text += ">\n"
    }

    /// For attributes that depend on options.
    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        text += "<"
        text += name
        for (key, value) in attributes { append(key, value) }
        text += ">\n"
    }

    mutating func close(_ name: String) {
        text += "</"
        text += name
        text += ">\n"
    }

    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        start(name, attributes)
        text += "/>\n"
    }

    /// An element with text content, and a tooltip where the text shown was cut.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, content: String, tooltip: String? = nil) {
        start(name, attributes)
        text += ">"
        if let tooltip { title(tooltip) }
        text += XMLText.escaped(content)
        close(name)
    }

    /// A mark with its exact value as a `<title>` child: the tooltip, and the value a screen reader can reach.
    mutating func mark(_ name: String, _ attributes: KeyValuePairs<String, String>, title: String) {
        start(name, attributes)
        text += ">"
        self.title(title)
        close(name)
    }

    private mutating func title(_ title: String) {
        text += "<title>"
        text += XMLText.escaped(title)
        text += "</title>"
    }

    private mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        text += "<"
        text += name
        for (key, value) in attributes { append(key, value) }
    }

    private mutating func append(_ name: String, _ value: String) {
        text += " "
        text += name
        text += "=\""
        text += XMLText.escaped(value)
        text += "\""
    }
}
