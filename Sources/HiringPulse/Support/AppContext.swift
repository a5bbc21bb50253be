import ArgumentParser
import Bot
import ConfigFiles
import Domain
import Extraction
import Foundation
import Logging
import Store

/// What most commands need: the resolved configuration, the database, the alias map. Problems end
/// the command with one line each, before anything is written.
struct AppContext {
    let config: HiringPulseConfig
    let store: Store
    /// The map in force: the file's, with the aliases and companies admins added.
    let catalog: CompanyCatalog
    /// The file's map alone: the base that the daemon lays the admins' additions over as they change.
    let fileCatalog: CompanyCatalog

    static func loadConfig(_ options: ConfigOptions) async throws -> HiringPulseConfig {
        let loaded = ConfigLoader.load(path: options.config, environment: ProcessInfo.processInfo.environment)
        if !loaded.problems.isEmpty {
            for problem in loaded.problems { printError("hiringpulse: \(problem)") }
            throw ExitCode(1)
        }
        return loaded.config
    }

    static func loadCatalog(_ config: HiringPulseConfig) throws -> CompanyCatalog {
        do {
            return try CompanyCatalogFile.read(contentsOf: config.companiesFile)
        } catch {
            throw fail(error.lines.joined(separator: "\n") + " (set companies.file or HIRINGPULSE_COMPANIES_FILE)")
        }
    }

    static func open(_ options: ConfigOptions) async throws -> AppContext {
        try await open(options, config: try await loadConfig(options))
    }

    static func open(_ options: ConfigOptions, config: HiringPulseConfig) async throws -> AppContext {
        let file = try loadCatalog(config)
        let store: Store
        let catalog: CompanyCatalog
        do {
            store = try Store.open(
                path: config.databasePath, busyTimeout: .milliseconds(config.busyTimeoutMilliseconds))
            try await store.companies.sync(file)
            catalog = try await file.adding(aliases: store.companies.adminAliases())
        } catch {
            throw fail("\(error)")
        }
        return AppContext(config: config, store: store, catalog: catalog, fileCatalog: file)
    }

    /// Warnings (a server that refuses a response format, calls paused after failures) as one
    /// line each on stderr, secrets redacted; stdout stays for results.
    static func commandLineLogger(_ config: HiringPulseConfig) -> Logger {
        let redactor = Redactor(secrets: config.secrets.allValues)
        return Logger(label: "hiringpulse") { label in
            LineLogHandler(label: label, format: .text, level: .warning, redactor: redactor)
        }
    }

    func authorHasher() throws -> AuthorHasher {
        do {
            return try AuthorHasher.load(environmentKey: config.secrets[.authorKey], dataDirectory: config.dataDirectory)
        } catch {
            throw fail("\(error)")
        }
    }

    /// The pipeline of the configured extractor (`extraction.extractor`).
    func pipeline() throws -> ExtractionPipeline {
        ExtractionPipeline(
            store: store, extractor: try Self.extractor(config.extractor, config: config, catalog: catalog),
            batchSize: config.extractionBatchSize, retry: ExtractionStore.RetryPolicy(maxAttempts: config.maxAttempts))
    }

    static func extractor(_ kind: ExtractorKind, config: HiringPulseConfig, catalog: CompanyCatalog) throws -> any Extractor {
        do {
            return try ExtractorFactory.make(kind, config: config, catalog: { catalog }, logger: commandLineLogger(config))
        } catch {
            throw fail("\(error.description)")
        }
    }
}
