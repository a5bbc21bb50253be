/// What is wrong with a configuration file (`alerts.yaml`, `feeds.yaml`): every problem found,
/// one line each, with the file and line it is on.
public struct ConfigFileError: Error, CustomStringConvertible, Sendable {
    public var lines: [String]
    public var description: String { lines.joined(separator: "\n") }

    public init(lines: [String]) {
        self.lines = lines
    }
}
