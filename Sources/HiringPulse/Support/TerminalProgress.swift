import Bot
import Foundation
import Synchronization

/// A one-line progress bar on standard error, drawn only when standard error is a terminal and at
/// most ten times a second.
final class TerminalProgress: ImportProgress, Sendable {
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    static func ifTerminal() -> TerminalProgress? {
        isatty(STDERR_FILENO) == 1 ? TerminalProgress() : nil
    }

    func update(file: String, phase: ImportPhase, done: Int64, total: Int64) {
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last in
            if let last, now - last < .milliseconds(100) { return false }
            last = now
            return true
        }
        guard due else { return }
        let name = (file as NSString).lastPathComponent
        var line = "\(name): \(phase.rawValue)"
        if total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line += " [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "]"
            line += " \(done)/\(total) (\(Int(fraction * 100))%)"
        } else if phase == .checking {
            line += " \(ByteCountFormatter.string(fromByteCount: done, countStyle: .file))"
        } else {
            line += " \(done)"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func finished(file: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        lastDraw.withLock { $0 = nil }
    }
}
