import HTTPTypes
import Hummingbird

/// Where Telegram posts the bot's button presses when a webhook is set (`telegram.webhook_url`):
/// `POST /telegram/webhook`, taken only with the secret Telegram was given, in
/// `X-Telegram-Bot-Api-Secret-Token` (compared in constant time). It needs no dashboard token:
/// the secret is its credential, and it shows nothing.
public struct TelegramWebhook: Sendable {
    let secret: AccessToken
    /// Handles one update, as Telegram posted it (JSON).
    let handle: @Sendable ([UInt8]) async -> Void

    public init(secret: String, handle: @escaping @Sendable ([UInt8]) async -> Void) {
        self.secret = AccessToken(secret)
        self.handle = handle
    }

    let route = OwnCredentialRoute(pathPrefix: "/telegram/webhook", methods: [.post])
    static let secretHeader = HTTPField.Name("X-Telegram-Bot-Api-Secret-Token")!

    func routes<Context: RequestContext>(into router: Router<Context>) {
        router.post("/telegram/webhook") { request, _ -> Response in
            guard let given = request.headers[Self.secretHeader], secret.matches(given) else {
                throw DashboardError(.unauthorized, "Not Telegram.")
            }
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            await handle(Array(body.readableBytesView))
            // Any 2xx tells Telegram the update was taken; it would post it again otherwise.
            return Response(status: .ok)
        }
    }
}
