import Foundation
import HiringPulseTesting

/// Runs the built `hiringpulse` executable the way a user does, in a scratch directory holding a
/// copy of the shipped configuration, slash commands and prompts.
struct CommandLineRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// From the process's start to its exit: the command's own time, without the wait for a
        /// turn to run it (`slots`), which on a loaded run is most of a command's time.
        var elapsed: Duration
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

    /// Runs the command to completion. The waiting happens on threads of its own: on Linux the
    /// cooperative pool and Dispatch's global queues share a few workers per core, and a test
    /// blocking them stalled every fake server in the process (a fake Telegram gave no answer for
    /// 15 s while three `eval` runs waited).
    /// One command at a time, whichever tests start them: each takes a core while it starts, and
    /// more at once starve the timing-sensitive tests beside them on a two-core machine.
    func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) async throws -> Result {
        await Self.slots.acquire()
        let result = await withCheckedContinuation { continuation in
            Self.onOwnThread {
                continuation.resume(returning: Swift.Result { try runBlocking(arguments, stdin: stdin, environment: environment) })
            }
        }
        await Self.slots.release()
        return try result.get()
    }

    private static let slots = CommandSlots(count: 1)

    private static func onOwnThread(_ body: @escaping @Sendable () -> Void) {
        Thread(block: body).start()
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
        let started = ContinuousClock.now
        try process.run()
        // Read both pipes while writing, so that neither can fill up and stall the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var stdoutData = Data()
        nonisolated(unsafe) var stderrData = Data()
        group.enter()
        Self.onOwnThread {
            stdoutData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        Self.onOwnThread {
            stderrData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self), elapsed: .now - started)
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

/// A counting semaphore that waits without holding a thread.
actor CommandSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = count
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
