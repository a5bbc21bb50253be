public import Domain
import Extraction
public import Store
import Synchronization

/// The company alias map in force: the file's, with the aliases admins added on top. Replaced
/// whole when an admin changes an alias; extraction and the commands read it at each use.
public final class LiveCompanyCatalog: Sendable {
    private let base: CompanyCatalog
    private let store: Store
    private let current: Mutex<CompanyCatalog>

    public init(base: CompanyCatalog, store: Store) async throws {
        self.base = base
        self.store = store
        let aliases = try await store.companies.adminAliases()
        current = Mutex(try base.adding(aliases: aliases))
    }

    public var catalog: CompanyCatalog { current.withLock { $0 } }

    /// Rebuilds from the file's map and the store's admin aliases.
    public func reload() async throws {
        let rebuilt = try base.adding(aliases: await store.companies.adminAliases())
        current.withLock { $0 = rebuilt }
    }
}
