/// Writes SVG elements one per line; every attribute value and every text is escaped here, so no caller can forget.
struct SVGBuilder {
    private(set) var text = ""

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        open(name, attributes.map { ($0.key, $0.value) })
    }

    /// For attributes that depend on options.
    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        text += "<\(name)\(Self.attributes(attributes))>\n"
    }

    mutating func close(_ name: String) {
        text += "</\(name)>\n"
    }

    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        text += "<\(name)\(Self.attributes(attributes))/>\n"
    }

    /// An element with text content, and a tooltip where the text shown was cut.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, content: String, tooltip: String? = nil) {
        text += "<\(name)\(Self.attributes(attributes))>"
        if let tooltip { text += "<title>\(XMLText.escaped(tooltip))</title>" }
        text += "\(XMLText.escaped(content))</\(name)>\n"
    }

    /// A mark with its exact value as a `<title>` child: the tooltip, and the value a screen reader can reach.
    mutating func mark(_ name: String, _ attributes: KeyValuePairs<String, String>, title: String) {
        text += "<\(name)\(Self.attributes(attributes))><title>\(XMLText.escaped(title))</title></\(name)>\n"
    }

    private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        Self.attributes(attributes.map { ($0.key, $0.value) })
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        var result = ""
        for (name, value) in attributes {
            result += " \(name)=\"\(XMLText.escaped(value))\""
        }
        return result
    }
}
