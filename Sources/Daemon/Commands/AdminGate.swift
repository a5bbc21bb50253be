import Bot
public import Discord
import Foundation
import JSON
public import Store

/// Who may run admin commands, checked on our side whatever the client showed: Discord hides a
/// command with `default_member_permissions` from other members, but a server can override
/// that, and a hand-made request can skip it. Admins hold Administrator or Manage Server in the
/// channel, or one of the configured admin roles. Refusals and actions go to the audit log.
public struct AdminGate: Sendable {
    public static let administrator: UInt64 = 1 << 3
    public static let manageServer: UInt64 = 1 << 5

    let adminRoles: Set<Snowflake>
    let store: Store
    let hasher: AuthorHasher

    public init(adminRoles: [Snowflake], store: Store, hasher: AuthorHasher) {
        self.adminRoles = Set(adminRoles)
        self.store = store
        self.hasher = hasher
    }

    /// Pure: whether permissions (Discord's decimal bitfield) and roles make an admin.
    public static func isAdmin(permissions: String?, roles: [Snowflake], adminRoles: Set<Snowflake>) -> Bool {
        let bits = permissions.flatMap { UInt64($0) } ?? 0
        return bits & (administrator | manageServer) != 0 || !adminRoles.isDisjoint(with: roles)
    }

    /// Lets an admin through; refuses anyone else, with an audit entry.
    func check(_ request: CommandRequest) async throws -> String {
        let actor = try request.authorHash(hasher)
        let interaction = request.interaction
        guard Self.isAdmin(permissions: interaction.memberPermissions, roles: interaction.memberRoles, adminRoles: adminRoles) else {
            try await record(actor: actor, action: "refused", target: "/" + request.options.path.joined(separator: " "), details: nil)
            throw CommandError("This command is for server admins (Manage Server, or an admin role).")
        }
        return actor
    }

    func record(actor: String?, action: String, target: String?, details: JSONValue?) async throws {
        try await store.audit(
            AuditEntry(at: Timestamp.now(), actorHash: actor, action: action, target: target, details: details?.serialized))
    }
}
