public import ConfigFiles
public import Domain

extension CompanyCatalog {
    /// Reads the alias map's YAML (`companies:` list) through `CompanyCatalogFile`; every problem,
    /// with its line, in one line of text.
    public static func load(yaml: String) throws(CompanyCatalogError) -> CompanyCatalog {
        do {
            return try CompanyCatalogFile.read(yaml: yaml, path: "companies")
        } catch {
            let problems = error.problems.map { problem in "\(problem.line.map { "line \($0): " } ?? "")\(problem.text)" }
            throw CompanyCatalogError(description: "invalid company alias map: \(problems.joined(separator: "; "))")
        }
    }

    /// The map in `path`, or every problem of the file, one line each with its line.
    public static func load(contentsOf path: String) throws(ConfigFileError) -> CompanyCatalog {
        try CompanyCatalogFile.read(contentsOf: path)
    }
}
