/// One problem of a configuration file, in one line: the file, the line it is on where known,
/// and what is wrong (`config/feeds.yaml:3: feeds[0]: format must be one of …`).
public struct ConfigFileProblem: Sendable, Hashable, CustomStringConvertible {
    /// Nil when the text names the file itself (`cannot read config file …`).
    public var path: String?
    /// From 1; nil for a problem of the whole file.
    public var line: Int?
    public var text: String

    public init(path: String?, line: Int?, text: String) {
        self.path = path
        self.line = line
        self.text = text
    }

    public var description: String {
        guard let path else { return text }
        return "\(path)\(line.map { ":\($0)" } ?? ""): \(text)"
    }
}

/// What is wrong with a configuration file (`hiringpulse.yaml`, `alerts.yaml`, `feeds.yaml`,
/// `companies.yaml`): every problem found, one line each, with the file and line it is on.
public struct ConfigFileError: Error, CustomStringConvertible, Sendable {
    public var problems: [ConfigFileProblem]

    public init(_ problems: [ConfigFileProblem]) {
        self.problems = problems
    }

    /// One line per problem.
    public var lines: [String] { problems.map(\.description) }
    public var description: String { lines.joined(separator: "\n") }
}
