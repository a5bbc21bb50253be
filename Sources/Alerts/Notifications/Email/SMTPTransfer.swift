internal import CCurl
import Foundation

/// One message to one address through libcurl's SMTP, blocking until it is done: run it off the
/// cooperative pool. One easy handle per transfer, made and freed on the calling thread; every
/// pointer stays inside `perform`. One recipient per transfer, so that a refused address fails
/// only itself and its reply code says which.
struct SMTPTransfer: Sendable {
    let settings: SMTPSettings
    let recipient: String
    let message: [UInt8]

    /// libcurl's global state, set up once before the first transfer.
    private static let ready: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    func perform() -> SMTPOutcome {
        guard Self.ready, let curl = curl_easy_init() else {
            return SMTPOutcome(curlCode: Int(CURLE_FAILED_INIT.rawValue), replyCode: 0, message: "libcurl could not start")
        }
        defer { curl_easy_cleanup(curl) }
        let recipients = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }
        let upload = Upload(message)
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code = errorText.withUnsafeMutableBufferPointer { errorBuffer -> CURLcode in
            hp_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress)
            hp_curl_setopt_string(curl, CURLOPT_URL, settings.url)
            // Without this, an smtp:// transfer ignores the STARTTLS a server offers and sends the
            // login in clear text; with it, a server that offers none is refused.
            hp_curl_setopt_long(curl, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
            if let username = settings.username { hp_curl_setopt_string(curl, CURLOPT_USERNAME, username) }
            if let password = settings.password { hp_curl_setopt_string(curl, CURLOPT_PASSWORD, password) }
            hp_curl_setopt_long(curl, CURLOPT_SASL_IR, 1)
            hp_curl_setopt_string(curl, CURLOPT_MAIL_FROM, "<\(settings.from)>")
            hp_curl_setopt_slist(curl, CURLOPT_MAIL_RCPT, recipients)
            hp_curl_setopt_read_function(curl, Upload.read)
            hp_curl_setopt_pointer(curl, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque())
            hp_curl_setopt_long(curl, CURLOPT_UPLOAD, 1)
            hp_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
            hp_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout.components.seconds * 1000))
            hp_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, Int(settings.timeout.components.seconds * 1000))
            // Never CURLOPT_VERBOSE: its trace carries the login, base64 being no redaction.
            guard let pem = settings.trustedCertificatePEM else { return withExtendedLifetime(upload) { curl_easy_perform(curl) } }
            var bytes = Array(pem.utf8)
            return bytes.withUnsafeMutableBytes { raw in
                var blob = curl_blob(data: raw.baseAddress, len: raw.count, flags: UInt32(CURL_BLOB_COPY))
                hp_curl_setopt_blob(curl, CURLOPT_CAINFO_BLOB, &blob)
                return withExtendedLifetime(upload) { curl_easy_perform(curl) }
            }
        }
        var reply = 0
        hp_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &reply)
        let detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let words = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return SMTPOutcome(curlCode: Int(code.rawValue), replyCode: reply, message: code == CURLE_OK ? "" : words)
    }

    /// The message handed to libcurl a chunk at a time. libcurl dot-stuffs it and ends it with
    /// the final "." itself.
    private final class Upload {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        static let read: hp_curl_read_callback = { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
            let length = min(size * count, upload.bytes.count - upload.offset)
            upload.bytes.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + upload.offset, byteCount: length)
            }
            upload.offset += length
            return length
        }
    }
}
