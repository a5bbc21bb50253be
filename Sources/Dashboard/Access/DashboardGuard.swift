import HTTPTypes
import Hummingbird
import JSON
import Logging

/// Every request passes here first: read-only methods, the access token when one is set, the
/// pages' answer to errors, and the headers that keep a browser strict about what a page may load.
struct DashboardGuard<Context: RequestContext>: RouterMiddleware {
    let token: AccessToken?
    let basePath: String
    let pages: PageRenderer
    /// Routes that carry their own credential (a signed mail link, Telegram's secret) and show
    /// nothing else: they need no dashboard token, and may take a POST.
    let ownCredentialRoutes: [OwnCredentialRoute]
    let logger: Logger

    @concurrent
    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await checked(request, context: context, next: next)
        } catch let error as DashboardError {
            response = answer(error, to: request)
        } catch let error as HTTPError where error.status == .notFound {
            response = answer(.notFound(), to: request)
        } catch {
            // A database that cannot be read: the page says so in one line, the log says why.
            logger.error("dashboard: \(request.uri.path) failed: \(error)")
            response = answer(
                DashboardError(.internalServerError, "The figures could not be read just now; it has been logged."), to: request)
        }
        for (name, value) in SecurityHeaders.all { response.headers[name] = value }
        // Pages behind a token or a credential of their own must not be kept by shared caches.
        response.headers[.cacheControl] = token == nil && ownCredentialRoute(request) == nil ? "no-cache" : "private, no-store"
        return response
    }

    private func checked(
        _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        // Their credential is checked by the route itself.
        if ownCredentialRoute(request) != nil { return try await next(request, context) }
        guard request.method == .get || request.method == .head else {
            var response = answer(DashboardError(.methodNotAllowed, "The dashboard is read-only: use GET or HEAD."), to: request)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        guard let token else { return try await next(request, context) }
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "), token.matches(header.dropFirst("Bearer ".count)) {
            return try await next(request, context)
        }
        // The cookie holds the token percent-escaped: a cookie value cannot hold every character.
        if let cookie = request.cookies[AccessToken.cookieName], token.matches(FormQuery.decode(cookie.value[...])) {
            return try await next(request, context)
        }
        // A link with `?token=…` is opened once: the token moves into a cookie, out of the address bar.
        var query = FormQuery(request.uri.query)
        if let given = query["token"], token.matches(given) {
            query.remove("token")
            let rest = query.encoded
            var response = Response(status: .seeOther)
            response.headers[.location] = basePath + request.uri.path + (rest.isEmpty ? "" : "?" + rest)
            let secure = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "; Secure" : ""
            response.headers[.setCookie] =
                "\(AccessToken.cookieName)=\(FormQuery.escape(given)); Path=\(basePath.isEmpty ? "/" : basePath); HttpOnly; SameSite=Strict; Max-Age=2592000\(secure)"
            return response
        }
        var response = answer(
            DashboardError(.unauthorized, "This dashboard needs its access token: open it once as …/?token=THE_TOKEN."), to: request)
        response.headers[.wwwAuthenticate] = "Bearer"
        return response
    }

    private func ownCredentialRoute(_ request: Request) -> OwnCredentialRoute? {
        ownCredentialRoutes.first { $0.methods.contains(request.method) && request.uri.path.hasPrefix($0.pathPrefix) }
    }

    /// The API answers in JSON; everything else with a page.
    private func answer(_ error: DashboardError, to request: Request) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            return Responses.json(.object([("error", .string(error.message))]), status: error.status)
        }
        return Responses.html(pages.error(error), status: error.status)
    }
}

/// A route whose requests carry their own credential, by path prefix and the methods it takes.
struct OwnCredentialRoute: Sendable {
    let pathPrefix: String
    let methods: Set<HTTPRequest.Method>
}

/// What every answer tells the browser: load nothing but this site's own stylesheet and images,
/// run no script, never be framed, send no referrer.
enum SecurityHeaders {
    static let all: [(HTTPField.Name, String)] = [
        (
            .contentSecurityPolicy,
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        ),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
        (HTTPField.Name("Cross-Origin-Resource-Policy")!, "same-origin"),
    ]
}
