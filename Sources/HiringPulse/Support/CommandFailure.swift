import ArgumentParser
import Foundation

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Ends a command with one clear line on standard error, or one per line of a message that lists
/// several problems, and the given exit code.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    for line in message.split(separator: "\n") { printError("hiringpulse: \(line)") }
    return ExitCode(code)
}
