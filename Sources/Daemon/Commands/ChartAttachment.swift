import Charts
import Discord
import Logging

/// A chart sent with an answer: rendered to PNG, attached, and shown as the embed's image. The
/// answer's text stands on its own, so a chart that cannot be drawn leaves it without an image.
enum ChartAttachment {
    /// The size charts are drawn at for Discord: an embed image is shown about 400 points wide
    /// on a phone, so the text is large for the width; rasterized at 1.5 times, 1200 pixels,
    /// which is a phone's three pixels a point at that width. Twice (1600) is no sharper there and
    /// cost 18 ms more an answer (interactions benchmark, p50 47 against 29 ms).
    static let size = ChartSize.image
    static let scale = 1.5

    private static let logger = Logger(label: "hiringpulse.charts")

    /// `reply` with `chart` as the image of its first embed.
    static func attach(_ chart: Chart, named name: String, to reply: InteractionReply) -> InteractionReply {
        guard !reply.embeds.isEmpty else { return reply }
        let image: PNGImage
        do {
            image = try PNGRenderer.render(chart, size: size, theme: .discord, scale: scale)
        } catch {
            logger.warning("the \(name) chart could not be drawn; the answer goes without it: \(error)")
            return reply
        }
        var reply = reply
        reply.embeds[0].imageURL = "attachment://\(name)"
        reply.files.append(DiscordFile(name: name, contentType: "image/png", data: image.bytes))
        return reply
    }
}
