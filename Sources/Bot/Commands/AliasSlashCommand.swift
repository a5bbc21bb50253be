import Discord
import Extraction
import JSONSchema
import Store

/// `/alias add|remove|list` (admins): company aliases on top of the alias map. Adding one
/// re-canonicalizes what was stored under it; both take effect for the next message.
public struct AliasSlashCommand: SlashCommand {
    public let name = "alias"
    public var isEphemeral: Bool { true }
    let source: StatisticsSource
    let gate: AdminGate

    public init(source: StatisticsSource, gate: AdminGate) {
        self.source = source
        self.gate = gate
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let actor = try gate.check(request)
        let options = request.options
        switch options.path.dropFirst().first {
        case "add":
            return try add(alias: options.string("alias") ?? "", company: options.string("company") ?? "", actor: actor)
        case "remove":
            return try remove(alias: options.string("alias") ?? "", actor: actor)
        case "list":
            let company = try source.companies().resolve(options.string("company") ?? "")
            let aliases = try source.store.aliases(ofCompany: company)
            let lines = aliases.map { "\($0.alias)\($0.source == "admin" ? " (added by an admin)" : "")" }
            return .notice(lines.isEmpty ? "\(company) has no aliases." : "\(company): " + lines.joined(separator: ", "))
        default:
            throw CommandError("Use /alias add, /alias remove or /alias list.")
        }
    }

    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        try source.companySuggestions(request)
    }

    private func add(alias: String, company text: String, actor: String) throws -> InteractionReply {
        let alias = alias.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !CompanyCatalog.key(alias).isEmpty, alias.count <= 100 else {
            throw CommandError("An alias needs letters or digits, at most 100 characters.")
        }
        let company = try source.companies().resolve(text)
        switch source.catalog.catalog.resolve(alias) {
        case .known(let existing) where existing == company:
            throw CommandError("\"\(alias)\" already means \(company).")
        case .known(let other) where CompanyCatalog.key(other) != CompanyCatalog.key(alias):
            throw CommandError("\"\(alias)\" already means \(other); remove that alias first.")
        case .ambiguous(let names):
            throw CommandError("\"\(alias)\" already names \(names.joined(separator: " and ")); an alias must name one company.")
        default:
            break
        }
        let moved = try source.store.addAlias(alias, company: company)
        try source.catalog.reload()
        try gate.record(actor: actor, action: "alias-add", target: alias, details: .object([("company", .string(company)), ("moved", .integer(Int64(moved)))]))
        let movedText = moved > 0 ? " \(moved) stage \(moved == 1 ? "update" : "updates") stored under \"\(alias)\" now count for \(company)." : ""
        return .notice("\"\(alias)\" now means \(company).\(movedText)")
    }

    private func remove(alias: String, actor: String) throws -> InteractionReply {
        guard try source.store.removeAlias(alias) else {
            throw CommandError("No alias \"\(Embed.cut(alias, to: 100))\" was added by an admin (those from companies.yaml are changed in that file).")
        }
        try source.catalog.reload()
        try gate.record(actor: actor, action: "alias-remove", target: alias, details: nil)
        return .notice("\"\(alias)\" is no longer an alias. What it already counted stays with its company.")
    }
}
