import Crypto
import Foundation

/// The links in an alert's mail that act without a reply — 👍, 👎, 🚫 and unsubscribe — when the
/// dashboard can be reached from the internet (`dashboard.public_url`). Each names one
/// notification and one action and is signed (HMAC-SHA256, a key kept in the database), so a
/// link cannot be made for another notification or changed into another action. They lead to the
/// dashboard's `/links/TOKEN`, which asks before acting on a GET (mail scanners open links) and
/// acts on a POST: the page's button, or a mail program's one-click unsubscribe (RFC 8058).
public struct EmailLinks: Sendable {
    public enum Action: Sendable, Hashable {
        case feedback(FeedbackReaction)
        case unsubscribe

        var code: String {
            switch self {
            case .feedback(let reaction): reaction.code
            case .unsubscribe: "stop"
            }
        }

        init?(code: String) {
            if code == "stop" {
                self = .unsubscribe
            } else if let reaction = FeedbackReaction(code: code) {
                self = .feedback(reaction)
            } else {
                return nil
            }
        }
    }

    /// The dashboard's public address, without a trailing slash.
    public let baseURL: String
    private let key: SymmetricKey

    public init(baseURL: String, key: [UInt8]) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.key = SymmetricKey(data: key)
    }

    public func url(notification: Int64, action: Action) -> String {
        baseURL + "/links/" + token(notification: notification, action: action)
    }

    /// "42.up.SIGNATURE": the signature is base64url, unpadded.
    public func token(notification: Int64, action: Action) -> String {
        let signed = "\(notification).\(action.code)"
        return signed + "." + Self.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: key)))
    }

    /// The notification and action of a token this key signed; nil for anything else.
    public func verify(_ token: String) -> (notification: Int64, action: Action)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let id = Int64(parts[0]), let action = Action(code: String(parts[1])),
            let signature = Self.data(base64URL: String(parts[2]))
        else { return nil }
        let signed = Data("\(parts[0]).\(parts[1])".utf8)
        // Compared in constant time by swift-crypto.
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: key) else { return nil }
        return (id, action)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        guard text.count <= 64, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
