import Charts
import Foundation
import HiringPulseTesting
import Testing

/// The dashboard as a real browser draws it: Debian's chromium, headless, over `hiringpulse
/// dashboard` serving an imported DiscordChatExporter export.
@Suite(.timeLimit(.minutes(2))) struct DashboardBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// What the browser left: the DOM after load, its console, and a screenshot.
    struct Visit {
        var dom: String
        var console: [String]
        var screenshot: PNGPixels
    }

    @Test(
        .enabled(
            if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil,
            "needs Debian's chromium (apt-get install chromium); .ci/run installs it"))
    func aRealBrowserDrawsEveryPageWithItsChartsAndNoConsoleErrors() async throws {
        let chromium = try #require(Self.chromium, "chromium is not installed; .ci/run installs it")
        let cli = try CommandLineRunner()
        defer { cli.directory.remove() }
        let imported = try await cli.run(["import", RepositoryFile.path("examples/sample-export.json")])
        #expect(imported.status == 0, "\(imported.stderr)")
        let dashboard = try DaemonProcess(
            in: cli.directory, environment: ["HIRINGPULSE_DASHBOARD_MIN_JOURNEYS": "1"], name: "dashboard",
            arguments: ["dashboard", "--bind", "127.0.0.1:0"])
        var base: String?
        try await dashboard.eventually("the dashboard to listen") {
            base = dashboard.log.firstMatch(of: /dashboard: (http:\/\/127\.0\.0\.1:\d+)\//).map { String($0.1) }
            return base != nil
        }
        // Each page with the charts its DOM must hold after load.
        let pages: [(path: String, charts: Int)] = [
            ("/", 5), ("/companies", 1), ("/companies/Google", 4), ("/postings", 0), ("/postings?remote=yes&page=1", 0),
        ]
        for (index, page) in pages.enumerated() {
            let visit = try await Self.visit(try #require(base) + page.path, with: chromium, in: cli.directory, number: index)
            #expect(visit.console.isEmpty, "\(page.path): \(visit.console)")
            #expect(visit.dom.contains("<h1>"), "\(page.path)")
            #expect(visit.dom.components(separatedBy: "<svg ").count - 1 == page.charts, "\(page.path)")
            if page.charts > 0 {
                #expect(visit.dom.contains("class=\"mark "), "\(page.path)")
                #expect(visit.dom.contains("<desc id="), "\(page.path)")
            } else {
                #expect(visit.dom.contains("<table class=\"postings\">"), "\(page.path)")
            }
            // Drawn, and with the stylesheet applied: a blank or unstyled page has few colours.
            #expect(visit.screenshot.width == 1280, "\(page.path)")
            // Pages of tables are mostly white; pages of charts are not.
            let ink = page.charts > 0 ? 0.03 : 0.005
            #expect(visit.screenshot.inkFraction > ink, "\(page.path) looks blank: \(visit.screenshot.inkFraction)")
            #expect(visit.screenshot.distinctColorCount > 16, "\(page.path): \(visit.screenshot.distinctColorCount) colours")
        }
        dashboard.signal(SIGTERM)
        #expect(await dashboard.waitForExit() == 0, "\(dashboard.log)")
    }

    /// One headless load of `url`: the DOM after load on standard output, the console on standard
    /// error (chromium writes each message as a `…:CONSOLE…` line), and a screenshot file.
    static func visit(_ url: String, with chromium: String, in directory: TemporaryDirectory, number: Int) async throws -> Visit {
        let screenshot = directory.file("page-\(number).png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(directory.file("chromium-profile"))", "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
            "--window-size=1280,1400", "--screenshot=\(screenshot)", "--dump-dom", url,
        ]
        let domPath = directory.file("page-\(number).html")
        let logPath = directory.file("page-\(number).log")
        _ = FileManager.default.createFile(atPath: domPath, contents: nil)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: domPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardInput = FileHandle.nullDevice
        process.environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        #expect(status == 0, "chromium exited \(status) on \(url)")
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return Visit(
            dom: (try? String(contentsOfFile: domPath, encoding: .utf8)) ?? "",
            console: log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init),
            screenshot: try PNGPixels(decoding: Array(try Data(contentsOf: URL(fileURLWithPath: screenshot)))))
    }
}
