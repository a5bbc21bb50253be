/// One way an instance breaks its schema, worded to be handed back to whoever wrote the instance
/// (often an LLM) so that it can fix it.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// JSON Pointer (RFC 6901) to the offending value in the instance; "" for the root.
    public var instancePath: String
    /// The keyword that failed: "enum", "required", "type", ...
    public var keyword: String
    /// What is wrong, quoting the value (shortened) and what was expected.
    public var message: String

    public init(instancePath: String, keyword: String, message: String) {
        self.instancePath = instancePath
        self.keyword = keyword
        self.message = message
    }

    /// "<pointer>: <message>", with the root shown as "/".
    public var description: String {
        "\(instancePath.isEmpty ? "/" : instancePath): \(message)"
    }
}

/// A schema that cannot be used: the description says where in the schema (a `#/...` pointer)
/// and what is wrong, on one line.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }

    /// An error about the schema value at `location` (a JSON pointer into the schema).
    init(at location: String, _ problem: String) {
        self.description = "invalid schema at #\(location): \(problem)"
    }
}
