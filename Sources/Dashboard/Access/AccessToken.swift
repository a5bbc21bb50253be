/// The dashboard's access token, checked without leaking through timing how much of a guess was
/// right: every byte is compared, whatever the first difference.
struct AccessToken: Sendable {
    private let bytes: [UInt8]

    init(_ token: String) {
        bytes = Array(token.utf8)
    }

    func matches(_ candidate: some StringProtocol) -> Bool {
        let given = Array(candidate.utf8)
        // The lengths are compared like the bytes, and the loop runs over the expected length.
        var difference = UInt8(truncatingIfNeeded: given.count ^ bytes.count)
        for index in bytes.indices {
            difference |= bytes[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }

    /// The name of the cookie a browser keeps the token in after opening `?token=…` once.
    static let cookieName = "hiringpulse_dashboard"
}
