import Domain
import Foundation
import Yams

extension CompanyCatalog {
    /// Reads the alias map's YAML (`companies:` list).
    public static func load(yaml: String) throws -> CompanyCatalog {
        struct File: Decodable { var companies: [CompanyDefinition] }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: yaml)
        } catch {
            throw CompanyCatalogError(description: "invalid company alias map: \(Self.describe(error))")
        }
        return try CompanyCatalog(file.companies)
    }

    public static func load(contentsOf path: String) throws -> CompanyCatalog {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CompanyCatalogError(description: "cannot read company alias map \(path): \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CompanyCatalogError(description: "company alias map \(path) is not UTF-8")
        }
        do {
            return try load(yaml: text)
        } catch let error as CompanyCatalogError {
            throw CompanyCatalogError(description: "\(path): \(error.description)")
        }
    }
}
