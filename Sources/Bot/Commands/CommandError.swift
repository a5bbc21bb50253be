/// A refusal or a mistake the member can fix, shown to them as it is.
public struct CommandError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
