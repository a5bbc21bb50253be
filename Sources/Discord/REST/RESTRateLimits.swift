import Logging
import Support
import Transport

/// The one `RateLimiter` all REST calls of a client share, with the sleeping it asks for.
actor RESTRateLimits {
    private var limiter = RateLimiter()
    private let logger: Logger
    private let clock: AnyClock

    init(logger: Logger, clock: AnyClock) {
        self.logger = logger
        self.clock = clock
    }

    /// Returns once `route` may be sent, counted as sent.
    func waitForTurn(_ route: RateLimiter.Route, isInteractionCallback: Bool) async throws {
        while case .wait(let until) = limiter.reserve(route, isInteractionCallback: isInteractionCallback, now: clock.now) {
            try await clock.sleep(until: until)
        }
    }

    func record(_ response: RateLimiter.Response, for route: RateLimiter.Route) {
        switch limiter.record(response, for: route, now: clock.now) {
        case .cloudflareBan(let until)?:
            logger.critical(
                "HTTP 429 without rate-limit headers on \(route.template): Cloudflare has banned this IP; all REST calls pause for \(clock.now.duration(to: until).shortText)"
            )
        case .invalidRequestGuard(let until)?:
            logger.critical(
                "\(RateLimiter.invalidRequestBudget) invalid REST requests (401/403/429) in 10 minutes: pausing REST calls for \(clock.now.duration(to: until).shortText) to stay clear of a Cloudflare ban"
            )
        case nil:
            if response.status == 429 {
                logger.warning(
                    "rate limited on \(route.template)",
                    metadata: [
                        "retry_after": "\(Duration.shortText(seconds: response.retryAfter ?? 0))", "scope": "\(response.scope ?? "-")",
                    ]
                )
            }
        }
    }

    func cancel(_ route: RateLimiter.Route) {
        limiter.cancel(route)
    }
}
