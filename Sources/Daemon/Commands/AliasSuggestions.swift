import Bot
import Discord
import Domain
import Extraction
import Store

/// `/alias suggest`'s answer: the unknown names that enough members report stages at, with
/// examples, and a button per name that adds it as a company in one step. The button carries the
/// name (`alias:add-company:<name>`), so pressing it needs no state on our side.
enum AliasSuggestions {
    static let buttonPrefix = "add-company"
    /// Names shown, and buttons (one action row holds five).
    static let shown = 5

    /// The list, with `notice` (what a press just did) on top.
    static func reply(_ suggestions: [UnknownCompanySuggestion], minMembers: Int, notice: String? = nil) -> InteractionReply {
        var lines: [String] = notice.map { [$0, ""] } ?? []
        if suggestions.isEmpty {
            lines.append("No unknown company reported by \(minMembers) or more members.")
        } else {
            lines.append("Companies outside the catalog reported by \(minMembers) or more members:")
            for suggestion in suggestions.prefix(shown) {
                let messages = suggestion.mentions == 1 ? "1 message" : "\(suggestion.mentions) messages"
                lines.append("**\(Embed.cut(suggestion.name, to: 100))**: \(suggestion.members) members, \(messages)")
                for example in suggestion.examples { lines.append("> \(example)") }
            }
            if suggestions.count > shown { lines.append("…and \(suggestions.count - shown) more (`hiringpulse companies suggest`).") }
            lines.append("Add one as a company with its button, or as an alias with `/alias add company:<company> alias:<name>`.")
        }
        let buttons = suggestions.prefix(shown).compactMap {
            suggestion -> (label: String, id: String, style: ActionRow.Style, disabled: Bool)? in
            let id = "alias:\(buttonPrefix):\(suggestion.name)"
            // Discord's limit on a custom id; a longer name is added with /alias add.
            guard id.utf8.count <= 100 else { return nil }
            return (label: Embed.cut("Add \(suggestion.name)", to: 80), id: id, style: .success, disabled: false)
        }
        return InteractionReply(
            content: Embed.cut(lines.joined(separator: "\n"), to: 2000), ephemeral: true,
            components: buttons.isEmpty ? [] : [ActionRow(buttons)])
    }

    /// The name a button adds; nil for a button of another kind.
    static func name(in button: [String]) -> String? {
        guard button.count >= 3, button[1] == buttonPrefix else { return nil }
        let name = button[2...].joined(separator: ":")
        return name.isEmpty ? nil : name
    }

    /// The reclassify hint for messages stored before the name was added.
    static func hint(pastMessages: Int) -> String {
        guard pastMessages > 0 else { return "New messages count for it." }
        let messages =
            pastMessages == 1
            ? "1 earlier message reports a stage there and counts" : "\(pastMessages) earlier messages report a stage there and count"
        return "New messages count for it; \(messages) once reclassified (`/reclassify scope:all`)."
    }
}
