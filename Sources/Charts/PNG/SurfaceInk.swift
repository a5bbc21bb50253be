internal import CRsvg

/// How much of a rendered surface is drawn: pixels unlike the background, and how many colours there are.
struct SurfaceInk {
    let fraction: Double
    let distinctColors: Int

    init(_ surface: OpaquePointer, width: Int, height: Int) {
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface), width > 0, height > 0 else {
            (fraction, distinctColors) = (0, 0)
            return
        }
        // ARGB32 pixels are native-endian 32-bit words; rows may be padded to the stride.
        let background = data.withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
        var colors = Set<UInt32>()
        var inked = 0
        for row in 0..<height {
            let pixels = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let pixel = pixels[column]
                colors.insert(pixel)
                if pixel != background { inked += 1 }
            }
        }
        fraction = Double(inked) / Double(width * height)
        distinctColors = colors.count
    }
}
