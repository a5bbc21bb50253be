import Foundation

/// Files of this repository (the shipped configuration, fixtures), found from this source file's
/// location so that tests work from any working directory.
public enum RepositoryFile {
    public static func path(_ relativePath: String) -> String {
        var root = URL(fileURLWithPath: #filePath)
        // Sources/HiringPulseTesting/RepositoryFile.swift → the repository root.
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(relativePath).path
    }
}
