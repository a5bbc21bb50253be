internal import CRsvg

/// Cairo's PNG writer, collecting the bytes in memory: cairo calls a C function with each chunk and a context pointer,
/// which points at a buffer box for the duration of the call.
enum PNGStream {
    private final class Buffer {
        var bytes: [UInt8] = []
    }

    static func encode(_ surface: OpaquePointer) throws(ChartRenderingError) -> [UInt8] {
        let buffer = Buffer()
        let status = withExtendedLifetime(buffer) {
            cairo_surface_write_to_png_stream(surface, append, Unmanaged.passUnretained(buffer).toOpaque())
        }
        try PNGRenderer.check(status)
        return buffer.bytes
    }

    private static let append: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt32) -> cairo_status_t = {
        closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let buffer = Unmanaged<Buffer>.fromOpaque(closure).takeUnretainedValue()
        buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
