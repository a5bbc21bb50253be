import Foundation
import HiringPulseTesting

/// Runs the built `hiringpulse` executable the way a user does, in a scratch directory holding a
/// copy of the shipped configuration, slash commands and prompts.
struct CommandLineRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "cli-tests")
        try FileManager.default.createDirectory(atPath: directory.file("config"), withIntermediateDirectories: true)
        for file in ["config/hiringpulse.yaml", "config/companies.yaml", "config/alerts.yaml", "config/feeds.yaml"] {
            try FileManager.default.copyItem(atPath: RepositoryFile.path(file), toPath: directory.file(file))
        }
        try FileManager.default.copyItem(atPath: RepositoryFile.path("Commands"), toPath: directory.file("Commands"))
        try FileManager.default.copyItem(atPath: RepositoryFile.path("prompts"), toPath: directory.file("prompts"))
    }

    /// Runs the command to completion. The waiting happens on a Dispatch thread: blocking one of
    /// the few cooperative threads would stall every other test running meanwhile.
    func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try runBlocking(arguments, stdin: stdin, environment: environment) })
            }
        }
    }

    private func runBlocking(_ arguments: [String], stdin: String, environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        // A clean environment: nothing from the developer's shell leaks into the test.
        var base = ["PATH": "/usr/bin:/bin", "HOME": directory.path]
        base.merge(environment) { _, new in new }
        process.environment = base
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes while writing, so that neither can fill up and stall the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var stdoutData = Data()
        nonisolated(unsafe) var stderrData = Data()
        group.enter()
        DispatchQueue.global().async {
            stdoutData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            stderrData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// The `hiringpulse` built next to this test bundle.
    static func executable() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("hiringpulse")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "hiringpulse is not built next to the tests"])
    }
}
