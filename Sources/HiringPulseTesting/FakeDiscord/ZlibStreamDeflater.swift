import CZlib

/// The server half of `compress=zlib-stream`: one deflate context per connection, each payload
/// ending in a sync flush (`00 00 ff ff`), as Discord sends it.
public final class ZlibStreamDeflater {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 64 * 1024)

    public init() {
        let status = deflateInit_(&stream, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib deflateInit failed: \(status)")
    }

    deinit {
        deflateEnd(&stream)
    }

    public func compress(_ input: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        input.withUnsafeBufferPointer { inputBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.avail_in = UInt32(inputBuffer.count)
            repeat {
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = UInt32(outputBuffer.count)
                    _ = deflate(&stream, Z_SYNC_FLUSH)
                }
                result.append(contentsOf: output[0..<(output.count - Int(stream.avail_out))])
            } while stream.avail_out == 0
            stream.next_in = nil
        }
        return result
    }
}
