public import Discord
import Foundation

/// A message given as an id or as a link (Copy Message Link):
/// `https://discord.com/channels/<guild>/<channel>/<message>`.
public enum MessageReference {
    public static func id(in text: String) -> Snowflake? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let id = Snowflake(trimmed) { return id }
        guard let url = URL(string: trimmed), let host = url.host,
            ["discord.com", "ptb.discord.com", "canary.discord.com", "discordapp.com"].contains(host)
        else { return nil }
        let parts = url.pathComponents.filter { $0 != "/" }
        guard parts.count == 4, parts[0] == "channels" else { return nil }
        return Snowflake(parts[3])
    }

    /// The id in `text`, as Discord's and as the store's, or the error an admin sees.
    package static func storedID(in text: String) throws(CommandError) -> (Snowflake, Int64) {
        guard let id = id(in: text), let stored = Int64(exactly: id.rawValue) else {
            throw CommandError("Give a message id, or its link (right-click the message > Copy Message Link).")
        }
        return (id, stored)
    }
}
