import JSON

/// `multipart/form-data` for messages with files: a `payload_json` part and one `files[n]` part per
/// file. `attachments` in the payload is filled in when the caller left it out, so that each file
/// shows up with its name.
struct MultipartBody {
    let boundary: String
    let bytes: [UInt8]

    init(payload: JSONValue, files: [DiscordFile], boundary: String = "hiringpulse-\(UInt64.random(in: .min ... .max))") {
        self.boundary = boundary
        var payload = payload
        if case .object(var members) = payload, !members.contains(where: { $0.key == "attachments" }) {
            let attachments = files.enumerated().map { index, file in
                JSONValue.object([("id", .integer(Int64(index))), ("filename", .string(file.name))])
            }
            members.append(("attachments", .array(attachments)))
            payload = .object(members)
        }
        var body: [UInt8] = []
        func append(_ text: String) { body.append(contentsOf: Array(text.utf8)) }
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n")
        append(payload.serialized)
        append("\r\n")
        for (index, file) in files.enumerated() {
            // A quote or line break in a name would end the header early.
            let name = String(file.name.map { $0 == "\"" || $0.isNewline ? "_" : $0 })
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"files[\(index)]\"; filename=\"\(name)\"\r\n")
            append("Content-Type: \(file.contentType)\r\n\r\n")
            body.append(contentsOf: file.data)
            append("\r\n")
        }
        append("--\(boundary)--\r\n")
        bytes = body
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}
