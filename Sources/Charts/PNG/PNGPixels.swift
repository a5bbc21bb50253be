internal import CRsvg

/// What a PNG shows, read back through cairo: its size, and how much of it is drawn. For telling a
/// drawn image (a chart that was sent, a screenshot) from a blank one; rendering does not pay for it.
public struct PNGPixels: Sendable, Hashable {
    public var width: Int
    public var height: Int
    /// The share of pixels that differ from the top-left one (the background).
    public var inkFraction: Double
    /// How many distinct colours the pixels have, anti-aliasing included.
    public var distinctColorCount: Int

    public init(decoding bytes: [UInt8]) throws(ChartRenderingError) {
        let source = PNGSource(bytes: bytes)
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(PNGSource.read, Unmanaged.passUnretained(source).toOpaque())
        }
        guard let surface else { throw ChartRenderingError("cairo could not read the PNG") }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ChartRenderingError("not a PNG cairo can read: \(String(cString: cairo_status_to_string(status)))")
        }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let ink = SurfaceInk(surface, width: width, height: height)
        inkFraction = ink.fraction
        distinctColorCount = ink.distinctColors
    }
}

/// The bytes cairo's PNG reader asks for, chunk by chunk, through a C callback and a context pointer.
private final class PNGSource {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    static let read: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, UInt32) -> cairo_status_t = {
        closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
        let source = Unmanaged<PNGSource>.fromOpaque(closure).takeUnretainedValue()
        let count = Int(length)
        guard source.offset + count <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
        source.bytes.withUnsafeBufferPointer { buffer in
            data.update(from: buffer.baseAddress! + source.offset, count: count)
        }
        source.offset += count
        return CAIRO_STATUS_SUCCESS
    }
}
