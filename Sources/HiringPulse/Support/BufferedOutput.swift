import Exports
import Foundation

struct OutputError: Error, CustomStringConvertible {
    var description: String
}

/// Text out to standard output or a file in 64 KiB writes: one system call per chunk rather than
/// per row, and never more than a chunk in memory. A file is written beside its final name and
/// renamed into place by `commit`, so an export that fails half-way leaves no half file behind.
final class BufferedOutput: ExportOutput {
    private static let capacity = 65_536

    /// Where the text ends up, for messages.
    let name: String
    private let descriptor: Int32
    private let file: (temporary: String, final: String)?
    private var buffer: [UInt8] = []
    private var committed = false

    private init(name: String, descriptor: Int32, file: (temporary: String, final: String)?) {
        self.name = name
        self.descriptor = descriptor
        self.file = file
        buffer.reserveCapacity(Self.capacity)
    }

    static func standardOutput() -> BufferedOutput {
        BufferedOutput(name: "standard output", descriptor: STDOUT_FILENO, file: nil)
    }

    /// Opens a temporary file next to `path`; `path` itself is replaced only by `commit`.
    static func file(_ path: String) throws -> BufferedOutput {
        let temporary = "\(path).\(getpid()).partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(description: "cannot write \(path): \(Self.lastError())") }
        return BufferedOutput(name: path, descriptor: descriptor, file: (temporary, path))
    }

    deinit {
        guard let file else { return }
        close(descriptor)
        if !committed { unlink(file.temporary) }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(description: "cannot write \(name): \(Self.lastError())")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and puts a file in place under its final name (replacing one there).
    func commit() throws {
        try flush()
        guard let file else { return }
        guard rename(file.temporary, file.final) == 0 else {
            throw OutputError(description: "cannot write \(file.final): \(Self.lastError())")
        }
        committed = true
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
