import Foundation
import HiringPulseTesting
import Synchronization

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

    /// Runs the command to completion. The commands of all tests take turns on one thread of their
    /// own (`CommandTurns`): each takes a core while it starts, and more at once starve the
    /// timing-sensitive tests beside them on a two-core machine. The waiting happens there too: on
    /// Linux the cooperative pool and Dispatch's global queues share a few workers per core, and a
    /// test blocking them stalled every fake server in the process (a fake Telegram gave no answer
    /// for 15 s while three `eval` runs waited).
    func run(
        _ arguments: [String], program: String = "hiringpulse", stdin: String = "", environment: [String: String] = [:]
    ) async throws -> Result {
        try await Self.turns.run { try runBlocking(program, arguments, stdin: stdin, environment: environment) }
    }

    private static let turns = CommandTurns()

    private static func onOwnThread(_ body: @escaping @Sendable () -> Void) {
        Thread(block: body).start()
    }

    private func runBlocking(_ program: String, _ arguments: [String], stdin: String, environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = try Self.executable(program)
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

    /// An executable of this package (`hiringpulse`, `hiringpulse-bench`) built next to this test bundle.
    static func executable(_ program: String = "hiringpulse") throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(program)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(program) is not built next to the tests"])
    }
}

/// Runs jobs one after another on a thread of its own. The next command starts as soon as one
/// ends, without waiting for a cooperative thread: when every test starts at once, the task that
/// queued a command could wait seconds for one, and with it every command queued behind (8 s
/// before a `config check`, measured, when the turn was handed on by the tasks themselves).
final class CommandTurns: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let queued = DispatchSemaphore(value: 0)

    init() {
        Thread { [self] in
            while true {
                queued.wait()
                let job = jobs.withLock { $0.removeFirst() }
                job()
            }
        }.start()
    }

    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            jobs.withLock { $0.append { continuation.resume(with: Result(catching: body)) } }
            queued.signal()
        }
    }
}
