import Foundation

extension FakeSMTP.Delivery {
    /// The decoded text of the message's base64 part of `type` ("text/plain", "text/html"), as a
    /// mail client shows it; nil when there is no such part.
    public func part(_ type: String) -> String? {
        let message = text
        guard let boundary = message.firstMatch(of: /boundary="([^"]+)"/).map({ String($0.1) }) else { return nil }
        for part in message.components(separatedBy: "--\(boundary)") where part.contains("Content-Type: \(type)") {
            let encoded = part.components(separatedBy: "\r\n\r\n").dropFirst().first?.replacingOccurrences(of: "\r\n", with: "") ?? ""
            return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }
        }
        return nil
    }
}
