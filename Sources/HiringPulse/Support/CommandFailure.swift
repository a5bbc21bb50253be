import ArgumentParser
import Foundation

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Ends a command with one clear line on standard error and the given exit code.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    printError("hiringpulse: \(message)")
    return ExitCode(code)
}
