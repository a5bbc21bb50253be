import CZlib

/// The gateway's `compress=zlib-stream` transport: one zlib context for the whole connection, and
/// each payload ends with a sync flush (`00 00 ff ff`), possibly split across several WebSocket
/// messages. Buffers until that suffix, then inflates. Make a new one for every connection.
final class ZlibStreamInflater {
    struct InflateError: Error, CustomStringConvertible {
        var description: String
    }

    private static let syncFlushSuffix: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]
    private var stream = z_stream()
    private var pending: [UInt8] = []
    private var output = [UInt8](repeating: 0, count: 64 * 1024)
    private let maxPayloadSize: Int

    init(maxPayloadSize: Int) throws(InflateError) {
        self.maxPayloadSize = maxPayloadSize
        let status = inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw InflateError(description: "zlib could not start (\(status))") }
    }

    deinit {
        inflateEnd(&stream)
    }

    /// Adds one WebSocket message; returns the inflated payload once a whole one has arrived.
    func append(_ bytes: some Collection<UInt8>) throws(InflateError) -> [UInt8]? {
        pending.append(contentsOf: bytes)
        guard pending.count <= maxPayloadSize else {
            throw InflateError(description: "compressed gateway payload exceeds \(maxPayloadSize) bytes")
        }
        guard pending.count >= 4, pending.suffix(4).elementsEqual(Self.syncFlushSuffix) else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        return try inflate(pending)
    }

    private func inflate(_ input: [UInt8]) throws(InflateError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(input.count * 4)
        var failure: Int32?
        input.withUnsafeBufferPointer { inputBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.avail_in = UInt32(inputBuffer.count)
            repeat {
                let status = output.withUnsafeMutableBufferPointer { outputBuffer in
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = UInt32(outputBuffer.count)
                    return CZlib.inflate(&stream, Z_SYNC_FLUSH)
                }
                let produced = output.count - Int(stream.avail_out)
                result.append(contentsOf: output[0..<produced])
                if status != Z_OK && status != Z_BUF_ERROR {
                    failure = status
                    break
                }
                if result.count > maxPayloadSize {
                    failure = Z_MEM_ERROR
                    break
                }
                if status == Z_BUF_ERROR && produced == 0 { break }
            } while stream.avail_in > 0 || stream.avail_out == 0
            stream.next_in = nil
        }
        if let failure {
            if result.count > maxPayloadSize {
                throw InflateError(description: "inflated gateway payload exceeds \(maxPayloadSize) bytes")
            }
            throw InflateError(description: "zlib-stream payload is corrupt (zlib status \(failure))")
        }
        return result
    }
}
