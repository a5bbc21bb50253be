public import JSON

/// One gateway payload: `{"op": …, "d": …, "s": …, "t": …}`.
public struct GatewayFrame: Sendable, Hashable {
    public var opcode: Int
    public var data: JSONValue
    public var sequence: Int64?
    public var type: String?

    public init(opcode: Int, data: JSONValue = .null, sequence: Int64? = nil, type: String? = nil) {
        self.opcode = opcode
        self.data = data
        self.sequence = sequence
        self.type = type
    }

    public init(_ opcode: GatewayOpcode, data: JSONValue = .null) {
        self.init(opcode: opcode.rawValue, data: data)
    }

    public struct DecodingError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads a text frame. Unknown fields are ignored; a frame without an integer `op` is an error.
    public init(json bytes: [UInt8]) throws(DecodingError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw DecodingError(description: "gateway frame is not JSON: \(error)")
        }
        guard case .integer(let opcode)? = value["op"] else {
            throw DecodingError(description: "gateway frame has no integer \"op\"")
        }
        self.opcode = Int(opcode)
        data = value["d"] ?? .null
        if case .integer(let sequence)? = value["s"] { self.sequence = sequence }
        type = value["t"]?.stringValue
    }

    /// The frame as the gateway expects it, `s` and `t` only when set.
    public var json: String {
        var members: [(key: String, value: JSONValue)] = [("op", .integer(Int64(opcode))), ("d", data)]
        if let sequence { members.append(("s", .integer(sequence))) }
        if let type { members.append(("t", .string(type))) }
        return JSONValue.object(members).serialized
    }
}

extension GatewayFrame: CustomStringConvertible {
    /// Op, type and sequence only: IDENTIFY and RESUME carry the token, which must never reach a log.
    public var description: String {
        var text = "op \(opcode)"
        if let type { text += " \(type)" }
        if let sequence { text += " s=\(sequence)" }
        return text
    }
}
