import ArgumentParser
import Bot
import Extraction
import Foundation
import Store

/// What most commands need: the resolved configuration, the database, the alias map. Problems end
/// the command with one line each, before anything is written.
struct AppContext {
    let config: HiringPulseConfig
    let store: Store
    let catalog: CompanyCatalog

    static func loadConfig(_ options: ConfigOptions) async throws -> HiringPulseConfig {
        let loaded = await ConfigLoader.load(path: options.config, environment: ProcessInfo.processInfo.environment)
        if !loaded.problems.isEmpty {
            for problem in loaded.problems { printError("hiringpulse: \(problem)") }
            throw ExitCode(1)
        }
        return loaded.config
    }

    static func loadCatalog(_ config: HiringPulseConfig) throws -> CompanyCatalog {
        do {
            return try CompanyCatalog.load(contentsOf: config.companiesFile)
        } catch {
            throw fail("\(error) (set companies.file or HIRINGPULSE_COMPANIES_FILE)")
        }
    }

    static func open(_ options: ConfigOptions) async throws -> AppContext {
        try await open(options, config: try await loadConfig(options))
    }

    static func open(_ options: ConfigOptions, config: HiringPulseConfig) async throws -> AppContext {
        let catalog = try loadCatalog(config)
        let store: Store
        do {
            store = try Store.open(
                path: config.databasePath, busyTimeout: .milliseconds(config.busyTimeoutMilliseconds))
            try store.syncCompanies(catalog)
        } catch {
            throw fail("\(error)")
        }
        return AppContext(config: config, store: store, catalog: catalog)
    }

    func authorHasher() throws -> AuthorHasher {
        do {
            return try AuthorHasher.load(environmentKey: config.secrets[.authorKey], dataDirectory: config.dataDirectory)
        } catch {
            throw fail("\(error)")
        }
    }

    func pipeline() -> ExtractionPipeline {
        ExtractionPipeline(
            store: store, extractor: RuleExtractor(catalog: catalog), batchSize: config.extractionBatchSize,
            retry: Store.RetryPolicy(maxAttempts: config.maxAttempts))
    }
}
