import GRDB

/// A store problem, explained in one line without secrets, with the kind callers branch on: a busy
/// database is waited out, a corrupt or read-only one is not.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Hashable {
        /// Another connection holds the lock (an import, a backup, a second daemon).
        case busy
        /// The disk or the file system's quota is full.
        case full
        /// The file or its directory cannot be written.
        case readOnly
        /// The file is not an SQLite database, or is damaged.
        case corrupt
        /// The operating system failed a read or write.
        case io
        /// A write broke a constraint of the schema: a bug, not the environment.
        case constraint
        case other

        /// Whether trying again later may succeed without anyone acting.
        public var isTransient: Bool {
            switch self {
            case .busy, .io: true
            case .full, .readOnly, .corrupt, .constraint, .other: false
            }
        }
    }

    public var description: String
    public var kind: Kind

    public init(_ description: String, kind: Kind = .other) {
        self.description = description
        self.kind = kind
    }

    /// The kind of any error the store throws: its own, or SQLite's by result code.
    public static func kind(of error: any Error) -> Kind {
        if let error = error as? StoreError { return error.kind }
        guard let error = error as? DatabaseError else { return .other }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_FULL: return .full
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: return .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt
        case .SQLITE_IOERR: return .io
        case .SQLITE_CONSTRAINT: return .constraint
        default: return .other
        }
    }
}
