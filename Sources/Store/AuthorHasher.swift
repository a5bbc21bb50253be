import Crypto
public import Foundation

/// Turns Discord user ids into keyed hashes (HMAC-SHA256), so that journeys and de-duplication work
/// without the database ever holding a user id. The same key always gives the same hash; without the
/// key, a hash cannot be traced back to a user.
public struct AuthorHasher: Sendable {
    private let key: SymmetricKey

    public init(key: some DataProtocol) {
        self.key = SymmetricKey(data: Array(key))
    }

    /// 128 bits of the HMAC, hex-encoded: collision-free at any realistic community size.
    public func hash(_ authorID: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(authorID.utf8), using: key)
        var hex = ""
        hex.reserveCapacity(32)
        for byte in mac.prefix(16) {
            hex.append(Self.digits[Int(byte >> 4)])
            hex.append(Self.digits[Int(byte & 0x0F)])
        }
        return hex
    }

    private static let digits = Array("0123456789abcdef")

    /// The key from `HIRINGPULSE_AUTHOR_KEY` when set; otherwise the one kept in `author.key` in the
    /// data directory, generated (32 random bytes, mode 0600) on first use.
    public static func load(environmentKey: String?, dataDirectory: String) throws -> AuthorHasher {
        if let environmentKey, !environmentKey.isEmpty {
            return AuthorHasher(key: Array(environmentKey.utf8))
        }
        let path = (dataDirectory as NSString).appendingPathComponent("author.key")
        if let existing = FileManager.default.contents(atPath: path) {
            let text = String(decoding: existing, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw StoreError("the author key file \(path) is empty; delete it to generate a new one") }
            return AuthorHasher(key: Array(text.utf8))
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let random = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let text = random.map { String(format: "%02x", $0) }.joined()
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError("cannot write the author key file \(path)")
        }
        return AuthorHasher(key: Array(text.utf8))
    }
}
