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

    /// Appends the next chunk of the file to `buffer`, read into its end (no second buffer);
    /// false at the file's end or after a failed read.
    private func append(to buffer: inout [UInt8]) -> Bool {
        guard failure == nil else { return false }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + start, Self.chunkSize) }
        guard count >= 0 else {
            failure = ImportError("\(path): read failed (\(String(cString: strerror(errno))))")
            buffer.removeLast(Self.chunkSize)
            return false
        }
        buffer.removeLast(Self.chunkSize - count)
        bytesRead += Int64(count)
        return count > 0
    }
}
