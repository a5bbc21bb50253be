import Bot
public import Discord
import Domain
import Extraction
import Foundation
import JSON
import Store

/// `/alias add|remove|list|suggest` (admins): company aliases on top of the alias map. Adding one
/// re-canonicalizes what was stored under it; both take effect for the next message. `suggest`
/// lists the unknown names members report stages at, each with a button that adds it as a company.
public struct AliasSlashCommand: SlashCommand {
    public let name = "alias"
    public var isEphemeral: Bool { true }
    let source: StatisticsSource
    let gate: AdminGate
    /// Distinct members before an unknown name is suggested (`companies.suggest_min_members`).
    let minMembers: Int

    public init(source: StatisticsSource, gate: AdminGate, minMembers: Int = 3) {
        self.source = source
        self.gate = gate
        self.minMembers = minMembers
    }

    public func answer(_ request: CommandRequest) async throws -> InteractionReply {
        let actor = try await gate.check(request)
        let options = request.options
        switch options.path.dropFirst().first {
        case "add":
            return try await add(alias: options.string("alias") ?? "", company: options.string("company") ?? "", actor: actor)
        case "remove":
            return try await remove(alias: options.string("alias") ?? "", actor: actor)
        case "list":
            let company = try await source.companies().resolve(options.string("company") ?? "")
            let aliases = try await source.store.companies.aliases(ofCompany: company)
            let lines = aliases.map { "\($0.alias)\($0.source == "admin" ? " (added by an admin)" : "")" }
            return .notice(lines.isEmpty ? "\(company) has no aliases." : "\(company): " + lines.joined(separator: ", "))
        case "suggest":
            let threshold = Int(options.integer("min_members") ?? Int64(minMembers))
            guard threshold >= 1 else { throw CommandError("min_members must be at least 1.") }
            return AliasSuggestions.reply(try await suggestions(minMembers: threshold), minMembers: threshold)
        default:
            throw CommandError("Use /alias add, /alias remove, /alias list or /alias suggest.")
        }
    }

    /// A press on "Add <name>" under `/alias suggest`: the name becomes a company, and the list is
    /// shown again without it.
    public func press(_ request: CommandRequest) async throws -> InteractionReply {
        guard let name = AliasSuggestions.name(in: request.button) else {
            throw CommandError("This button no longer does anything; run /alias suggest again.")
        }
        let actor = try await gate.check(request)
        let added = try await CompanyAddition.add(name, store: source.store, catalog: source.catalog.catalog)
        try await source.catalog.reload()
        try await gate.record(
            actor: actor, action: "company-add", target: name, details: .object([("past_messages", .integer(Int64(added.pastMessages)))]))
        return AliasSuggestions.reply(
            try await suggestions(minMembers: minMembers), minMembers: minMembers,
            notice: "\(added.summary) \(AliasSuggestions.hint(pastMessages: added.pastMessages))")
    }

    private func suggestions(minMembers: Int) async throws -> [UnknownCompanySuggestion] {
        let catalog = source.catalog.catalog
        return try await source.store.companies.unknownSuggestions(minMembers: minMembers) { name in
            if case .unknown = catalog.resolve(name) { return false }
            return true
        }
    }

    public func suggest(_ request: CommandRequest) async throws -> [(name: String, value: String)] {
        try await source.companySuggestions(request)
    }

    private func add(alias: String, company text: String, actor: String) async throws -> InteractionReply {
        let alias = alias.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !CompanyCatalog.key(alias).isEmpty, alias.count <= 100 else {
            throw CommandError("An alias needs letters or digits, at most 100 characters.")
        }
        let company = try await source.companies().resolve(text)
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
        let moved = try await source.store.companies.addAlias(alias, company: company)
        try await source.catalog.reload()
        try await gate.record(
            actor: actor, action: "alias-add", target: alias,
            details: .object([("company", .string(company)), ("moved", .integer(Int64(moved)))]))
        let movedText =
            moved > 0 ? " \(moved) stage \(moved == 1 ? "update" : "updates") stored under \"\(alias)\" now count for \(company)." : ""
        return .notice("\"\(alias)\" now means \(company).\(movedText)")
    }

    private func remove(alias: String, actor: String) async throws -> InteractionReply {
        guard try await source.store.companies.removeAlias(alias) else {
            throw CommandError(
                "No alias \"\(Embed.cut(alias, to: 100))\" was added by an admin (those from companies.yaml are changed in that file).")
        }
        try await source.catalog.reload()
        try await gate.record(actor: actor, action: "alias-remove", target: alias, details: nil)
        return .notice("\"\(alias)\" is no longer an alias. What it already counted stays with its company.")
    }
}
