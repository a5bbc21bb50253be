/// Why the daemon cannot start or go on, in one line: a setting, a secret or a file it needs.
public struct DaemonError: Error, CustomStringConvertible {
    public var description: String

    package init(_ description: String) {
        self.description = description
    }
}
