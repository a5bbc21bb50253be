/// An encoded PNG, with measures of its pixels taken before encoding, so that a test can tell a drawn chart from a blank one
/// without decoding the PNG.
public struct PNGImage: Sendable, Hashable {
    public var bytes: [UInt8]
    public var width: Int
    public var height: Int
    /// The share of pixels that differ from the top-left one (the background).
    public var inkFraction: Double
    /// How many distinct colours the pixels have, anti-aliasing included.
    public var distinctColorCount: Int

    public init(bytes: [UInt8], width: Int, height: Int, inkFraction: Double, distinctColorCount: Int) {
        self.bytes = bytes
        self.width = width
        self.height = height
        self.inkFraction = inkFraction
        self.distinctColorCount = distinctColorCount
    }
}
