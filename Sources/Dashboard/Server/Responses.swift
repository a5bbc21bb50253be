import Hummingbird
import JSON
import NIOCore

/// The dashboard's response bodies.
enum Responses {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "text/html; charset=utf-8", status: status)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        body(value.serialized + "\n", contentType: "application/json; charset=utf-8", status: status)
    }

    /// A file to save rather than a page to show.
    static func download(_ text: String, contentType: String, filename: String) -> Response {
        var response = body(text, contentType: contentType, status: .ok)
        response.headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return response
    }

    static func body(_ text: String, contentType: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
