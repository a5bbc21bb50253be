import Foundation
import HiringPulseTesting
import Synchronization

/// `hiringpulse run` (or another long-running command, such as `dashboard`) as a child process,
/// the way an operator runs it: started, signalled, and waited for. Its standard output and error
/// go to a file in the scratch directory, read on demand.
final class DaemonProcess {
    private let process: Process
    private let logPath: String
    private let exits: AsyncStream<Int32>
    private let exitTime = ExitTime()

    init(
        in directory: TemporaryDirectory, environment: [String: String], name: String = "daemon",
        arguments: [String] = ["run", "--log-level", "debug"]
    ) throws {
        process = Process()
        process.executableURL = try CommandLineRunner.executable()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var base = ["PATH": "/usr/bin:/bin", "HOME": directory.path]
        base.merge(environment) { _, new in new }
        process.environment = base
        logPath = directory.file("\(name).log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardError = log
        process.standardOutput = log
        process.standardInput = FileHandle.nullDevice
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        self.exits = exits
        let exitTime = exitTime
        process.terminationHandler = { process in
            exitTime.instant.withLock { $0 = .now }
            exited.yield(process.terminationStatus)
            exited.finish()
        }
        try process.run()
    }

    /// When the process ended, as Foundation's process monitor saw it: on a loaded run the test's
    /// own tasks can hear of it seconds later.
    var exitedAt: ContinuousClock.Instant? { exitTime.instant.withLock { $0 } }

    private final class ExitTime: Sendable {
        let instant = Mutex<ContinuousClock.Instant?>(nil)
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// The daemon's resident memory now, in MB.
    var residentMegabytes: Double { ProcessMemory.residentMegabytes(of: process.processIdentifier) }

    /// `eventually`, with the daemon's log in the error when it times out.
    func eventually(_ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws {
        do {
            try await HiringPulseTesting.eventually(what, timeout: timeout, condition)
        } catch {
            throw TimedOut(description: "\(error)\n--- daemon log ---\n\(log)")
        }
    }

    /// The address of this process's dashboard, once it listens (`dashboard.bind` with port 0).
    func dashboardURL() async throws -> String {
        var port: String?
        try await eventually("the dashboard to listen") {
            port = log.split(separator: "\n").last { $0.contains("dashboard listening") }
                .flatMap { $0.firstMatch(of: /port=(\d+)/).map { String($0.1) } }
            return port != nil
        }
        return "http://127.0.0.1:\(port ?? "0")"
    }

    /// The exit status, or nil if it has not exited within `timeout` (it is then killed).
    func waitForExit(timeout: Duration = .seconds(15)) async -> Int32? {
        let exits = exits
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await exits.first { _ in true } }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if status == nil { signal(SIGKILL) }
        return status
    }
}
