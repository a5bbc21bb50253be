public import JSON

/// A file a request carried in a `files[n]` part of its multipart body.
public struct FakeUploadedFile: Sendable, Hashable {
    /// The form field: `files[0]`, `files[1]`…
    public var field: String
    public var filename: String?
    public var data: [UInt8]
}

extension FakeREST.Recorded {
    /// The message the request carried: its JSON body, or a multipart body's `payload_json`.
    public var payload: JSONValue? {
        FakeREST.payload(contentType: contentType, body: body)?.0
    }

    /// The files of a multipart body, in the order sent; none for a JSON body.
    public var files: [FakeUploadedFile] {
        guard let contentType, contentType.hasPrefix("multipart/form-data"),
            let form = FakeMultipartForm(contentType: contentType, body: body)
        else { return [] }
        return form.parts.filter { $0.name.hasPrefix("files[") }.map {
            FakeUploadedFile(field: $0.name, filename: $0.filename, data: $0.data)
        }
    }
}
