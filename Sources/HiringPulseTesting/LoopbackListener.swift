import NIOCore

/// Runs `body` while a loopback server listens, then closes the listener and every connection it
/// accepted, whether `body` finished or threw: a test's server leaves nothing open behind it.
func closingAfter<T>(
    _ body: () async throws -> T, listener: any Channel, accepted: () -> [any Channel]
) async throws -> T {
    let result: Result<T, any Error>
    do {
        result = .success(try await body())
    } catch {
        result = .failure(error)
    }
    try? await listener.close()
    for child in accepted() { try? await child.close() }
    return try result.get()
}
