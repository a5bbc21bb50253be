import JSON

/// Binds the fields of a flat `Encodable` value to a statement's parameters, each field to the
/// parameter its coding key names: how a posting's row is written. GRDB's record encoding did
/// this through a dictionary of values per row and a `JSONEncoder` per array, which tripled the
/// cost of a posting's INSERT on the import's writer thread, the import's busiest.
///
/// A field is text, an integer, a floating-point number, a boolean, a value that encodes itself
/// as one of those (a `RawRepresentable` enum), or an array of text, stored as a JSON array. A
/// field the value leaves out (an optional's nil) leaves its parameter as it was: clear the
/// bindings first. Anything else is refused with an `EncodingError`, and the statement is not run.
final class ParameterEncoder: Encoder {
    private let statement: BoundStatement
    /// The parameter of each key, 1-based as SQLite counts them.
    private let parameters: [String: Int32]
    /// Keys whose field the caller binds itself (a company's name, stored as its id).
    private let skipped: Set<String>
    /// The first thing that could not be bound.
    private var refusal: EncodingError?
    /// The parameter of the field being encoded; 0 between fields.
    private var field: Int32 = 0

    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ statement: BoundStatement, parameters: [String: Int32], skipping skipped: Set<String> = []) {
        self.statement = statement
        self.parameters = parameters
        self.skipped = skipped
    }

    /// Binds each field of `value` to its parameter.
    func bind(_ value: some Encodable) throws {
        try value.encode(to: self)
        if let refusal { throw refusal }
    }

    /// The row itself; inside a field, an object, which no column holds.
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if field != 0 { refuse("an object") }
        return KeyedEncodingContainer(Fields(encoder: self))
    }

    /// Lists other than of text are held by no column; a row is not a list.
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        refuse(field != 0 ? "a list of other than text" : "a list where a row was expected")
        return Refused(encoder: self)
    }

    /// A field that encodes itself as one value (an enum as its raw value).
    func singleValueContainer() -> any SingleValueEncodingContainer {
        if field == 0 { refuse("a single value where a row was expected") }
        return Field(encoder: self)
    }

    private func refuse(_ what: String) {
        guard refusal == nil else { return }
        refusal = .invalidValue(what, EncodingError.Context(codingPath: [], debugDescription: "no parameter can hold \(what)"))
    }

    /// Binds one field's value to its parameter, or has the value encode itself into one.
    private func bindField(_ value: some Encodable, to parameter: Int32) throws {
        switch value {
        case let text as String: statement.bind(text, at: parameter)
        case let number as Int: statement.bind(number, at: parameter)
        case let number as Int64: statement.bind(number, at: parameter)
        case let number as Double: statement.bind(number, at: parameter)
        case let flag as Bool: statement.bind(flag, at: parameter)
        case let texts as [String]: statement.bind(SQLText.jsonArray(texts), at: parameter)
        case let number as any BinaryInteger:
            guard let exact = Int64(exactly: number) else { return refuse("the integer \(number), past SQLite's 64 bits") }
            statement.bind(exact, at: parameter)
        case let number as any BinaryFloatingPoint: statement.bind(Double(number), at: parameter)
        default:
            // Encoding itself again into the same field would never end.
            guard field != parameter else { return refuse("a value of \(type(of: value))") }
            let outer = field
            field = parameter
            defer { field = outer }
            try value.encode(to: self)
        }
    }

    /// The row's fields, by key.
    private struct Fields<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: ParameterEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws {
            if let parameter = parameter(of: key) { encoder.statement.bindNull(at: parameter) }
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let parameter = parameter(of: key) { try encoder.bindField(value, to: parameter) }
        }

        /// The key's parameter; nil for a skipped key, and for one no column has (refused).
        private func parameter(of key: Key) -> Int32? {
            guard encoder.field == 0 else { return nil }
            guard !encoder.skipped.contains(key.stringValue) else { return nil }
            guard let parameter = encoder.parameters[key.stringValue] else {
                encoder.refuse("the field \(key.stringValue)")
                return nil
            }
            return parameter
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            encoder.refuse("the object \(key.stringValue)")
            return KeyedEncodingContainer(Fields<NestedKey>(encoder: encoder))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            encoder.refuse("the list \(key.stringValue)")
            return Refused(encoder: encoder)
        }

        mutating func superEncoder() -> any Encoder {
            encoder.refuse("a superclass's fields")
            return encoder
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
    }

    /// One field's value, bound to the field's parameter.
    private struct Field: SingleValueEncodingContainer {
        let encoder: ParameterEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws {
            if encoder.field != 0 { encoder.statement.bindNull(at: encoder.field) }
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            if encoder.field != 0 { try encoder.bindField(value, to: encoder.field) }
        }
    }

    /// What a refused list gets: it binds nothing (the refusal is already recorded).
    private struct Refused: UnkeyedEncodingContainer {
        let encoder: ParameterEncoder
        var codingPath: [any CodingKey] { [] }
        var count: Int { 0 }

        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {}
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Fields<NestedKey>(encoder: encoder))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
        mutating func superEncoder() -> any Encoder { encoder }
    }
}
