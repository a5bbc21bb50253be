import Foundation

enum Fixtures {
    /// A file of this repository, found from this source file's path.
    static func repositoryFile(_ path: String, source: String = #filePath) -> String {
        var root = URL(fileURLWithPath: source)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(path).path
    }

    static func resource(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return url
    }
}
