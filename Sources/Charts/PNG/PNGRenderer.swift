internal import CRsvg

/// Rasterizes an SVG into a PNG through librsvg and cairo. Every call has its own handle, surface and context, which
/// librsvg and cairo allow on several threads at once; nothing is shared between calls.
public enum PNGRenderer {
    /// Renders at the SVG's own width and height times `scale`.
    public static func render(svg: String, scale: Double = 1) throws(ChartRenderingError) -> PNGImage {
        guard scale.isFinite && scale > 0 && scale <= 8 else { throw ChartRenderingError("scale \(scale) is not within 0 and 8") }
        let handle = try loadHandle(svg)
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }

        var intrinsicWidth = 0.0
        var intrinsicHeight = 0.0
        guard rsvg_handle_get_intrinsic_size_in_pixels(handle, &intrinsicWidth, &intrinsicHeight) != 0 else {
            throw ChartRenderingError("the SVG has no width and height in pixels")
        }
        let width = Int((intrinsicWidth * scale).rounded())
        let height = Int((intrinsicHeight * scale).rounded())
        guard width > 0, height > 0, width <= 8192, height <= 8192 else {
            throw ChartRenderingError("the image would be \(width)×\(height) pixels")
        }

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw ChartRenderingError("cairo could not create a \(width)×\(height) surface")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        try draw(handle, on: surface, scale: scale, width: intrinsicWidth, height: intrinsicHeight)
        cairo_surface_flush(surface)
        return PNGImage(bytes: try PNGStream.encode(surface), width: width, height: height)
    }

    private static func loadHandle(_ svg: String) throws(ChartRenderingError) -> OpaquePointer {
        // librsvg treats empty data as a programming error (a GLib critical), not as a document it cannot read.
        guard !svg.isEmpty else { throw ChartRenderingError("librsvg could not read the SVG: it is empty") }
        var error: UnsafeMutablePointer<GError>?
        let bytes = Array(svg.utf8)
        let handle = bytes.withUnsafeBufferPointer { buffer in
            rsvg_handle_new_from_data(buffer.baseAddress, buffer.count, &error)
        }
        if let error {
            let message = GErrorText.take(error)
            if let handle { g_object_unref(UnsafeMutableRawPointer(handle)) }
            throw ChartRenderingError("librsvg could not read the SVG: \(message)")
        }
        guard let handle else { throw ChartRenderingError("librsvg could not read the SVG") }
        return handle
    }

    private static func draw(
        _ handle: OpaquePointer, on surface: OpaquePointer, scale: Double, width: Double, height: Double
    ) throws(ChartRenderingError) {
        guard let context = cairo_create(surface) else { throw ChartRenderingError("cairo could not create a context") }
        defer { cairo_destroy(context) }
        cairo_scale(context, scale, scale)
        var viewport = RsvgRectangle(x: 0, y: 0, width: width, height: height)
        var error: UnsafeMutablePointer<GError>?
        let drawn = rsvg_handle_render_document(handle, context, &viewport, &error)
        if let error { throw ChartRenderingError("librsvg could not draw the SVG: \(GErrorText.take(error))") }
        guard drawn != 0 else { throw ChartRenderingError("librsvg could not draw the SVG") }
        try check(cairo_status(context))
    }

    static func check(_ status: cairo_status_t) throws(ChartRenderingError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw ChartRenderingError("cairo: \(String(cString: cairo_status_to_string(status)))")
    }
}

/// A GError's message, with the error freed.
enum GErrorText {
    static func take(_ error: UnsafeMutablePointer<GError>) -> String {
        defer { g_error_free(error) }
        guard let message = error.pointee.message else { return "unknown error" }
        // One line, whatever librsvg puts in it.
        return String(cString: message).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
