extension StringProtocol {
    /// The first line that has something on it, without its break: an error's description or a
    /// server's answer, quoted inside a message of our own that must stay on one line.
    public var firstLine: String {
        let lines = Substring(self).split(whereSeparator: { $0.isNewline })
        return lines.first.map(String.init) ?? ""
    }

    /// At most `length` characters, the last one an ellipsis when something was cut.
    public func clipped(to length: Int) -> String {
        count <= length ? String(self) : String(prefix(Swift.max(0, length - 1))) + "…"
    }
}
