import Foundation
import JSON

/// An export file as the input of a `JSONReader`: read a chunk at a time, so that memory holds one
/// chunk and the token being read whatever the file's size.
final class ExportFileInput {
    static let chunkSize = 1 << 20

    let path: String
    private let descriptor: Int32
    /// Bytes read from the file so far.
    private(set) var bytesRead: Int64 = 0
    /// A read that failed: the reader sees the end of its input there, the caller this.
    private(set) var failure: ImportError?
    /// Where each chunk is read before it is appended to the reader's buffer.
    private var scratch = [UInt8](repeating: 0, count: chunkSize)

    init(path: String) throws(ImportError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError("\(path): is a directory, not an export file") }
        descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ImportError("\(path): cannot be opened (\(String(cString: strerror(errno))))") }
    }

    deinit {
        close(descriptor)
    }

    /// A reader of the file's JSON, which starts after a UTF-8 byte-order mark if there is one.
    func reader() throws(ImportError) -> JSONReader {
        var first: [UInt8] = []
        _ = append(to: &first)
        if let failure { throw failure }
        guard !first.isEmpty else { throw ImportError("\(path): the file is empty") }
        let mark = first.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        first.removeFirst(mark)
        return JSONReader(bytes: first, offset: mark) { [self] buffer in append(to: &buffer) }
    }

    /// Appends the next chunk of the file to `buffer`; false at the file's end or after a failed
    /// read. The chunk is read into `scratch` and copied: growing `buffer` by a chunk of zeros to
    /// read into instead walks a million elements one by one in a debug build, the cost of every
    /// refill even for a file of a few kilobytes.
    private func append(to buffer: inout [UInt8]) -> Bool {
        guard failure == nil else { return false }
        let count = scratch.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, Self.chunkSize) }
        guard count >= 0 else {
            failure = ImportError("\(path): read failed (\(String(cString: strerror(errno))))")
            return false
        }
        scratch.withUnsafeBufferPointer { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
        bytesRead += Int64(count)
        return count > 0
    }
}
