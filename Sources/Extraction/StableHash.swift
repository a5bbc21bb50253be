/// FNV-1a over UTF-8: a fingerprint that stays the same from run to run (Swift's `Hasher` is
/// seeded per process). For naming versions and keys, not for security.
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
