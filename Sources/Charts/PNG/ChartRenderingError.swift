/// Why a chart did not become a PNG, in one line (librsvg's or cairo's message).
public struct ChartRenderingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
