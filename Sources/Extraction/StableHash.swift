import Domain

/// FNV-1a: a fingerprint that stays the same from run to run (Swift's `Hasher` is seeded per
/// process). For naming versions and keys, not for security.
public enum StableHash {
    /// Over the text's UTF-8.
    public static func fnv1a(_ text: String) -> UInt64 {
        fnv1a(bytes: text.utf8)
    }

    /// Over raw bytes, which need not be text.
    public static func fnv1a(bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
