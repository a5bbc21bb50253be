import Foundation

/// A process's memory as the kernel reports it under /proc, for load tests and benchmarks.
public enum ProcessMemory {
    /// Resident set (`VmRSS`) in MB; 0 when the process is gone.
    public static func residentMegabytes(of pid: Int32) -> Double {
        megabytes("VmRSS:", in: "/proc/\(pid)/status")
    }

    /// Anonymous memory (heap, stacks) in MB: the resident set less clean pages of files.
    public static func anonymousMegabytes(of pid: Int32) -> Double {
        megabytes("Anonymous:", in: "/proc/\(pid)/smaps_rollup")
    }

    /// A `Name:   1234 kB` line of a /proc file, in MB; 0 when absent.
    static func megabytes(_ field: String, in file: String) -> Double {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
