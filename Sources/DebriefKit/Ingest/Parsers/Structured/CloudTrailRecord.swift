/// Reads AWS CloudTrail records from their JSON bytes, for both the document and the line format.
///
/// A record's time is `eventTime` (ISO 8601, UTC). The actor is `userIdentity.userName`, else the
/// last part of `userIdentity.arn` (the session name of an assumed role, `root`), else
/// `userIdentity.invokedBy` (an AWS service). The text is `eventSource eventName`, followed by
/// `failed: errorCode: errorMessage` or by the console-login result. `errorCode` → error; an
/// `errorMessage` alone (a failed console login) or `ConsoleLogin: Failure` → warning; otherwise info.
enum CloudTrailRecord {
    /// Reads what `bytes` hold: one record, a `{"Records": […]}` file as delivered to S3, an
    /// `aws cloudtrail lookup-events` response (`{"Events": [{"CloudTrailEvent": "…"}]}`), or an
    /// array of records. Returns false, having read nothing, when the bytes are none of these.
    static func readAll(_ bytes: UnsafeRawBufferPointer, line: Int?, offset: Int64?, into sink: inout EventSink) -> Bool
    {
        let start = JSONScanner.skipSpace(bytes, 0)
        if start < bytes.count, bytes[start] == 0x5B {
            return readElements(bytes, line: line, offset: offset, lookup: false, into: &sink)
        }
        var records: UnsafeRawBufferPointer?
        var lookup: UnsafeRawBufferPointer?
        var isRecord = false
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: bytes) { member in
                if member.kind == .array, member.keyEquals("Records") {
                    records = member.value
                } else if member.kind == .array, member.keyEquals("Events") {
                    lookup = member.value
                } else if member.keyEquals("eventTime") || member.keyEquals("eventSource") {
                    isRecord = true
                }
            }
        } catch {
            return false
        }
        if let records { return readElements(records, line: line, offset: offset, lookup: false, into: &sink) }
        if let lookup { return readElements(lookup, line: line, offset: offset, lookup: true, into: &sink) }
        guard isRecord else { return false }
        read(record: bytes, line: line, offset: offset, into: &sink)
        return true
    }

    private static func readElements(
        _ array: UnsafeRawBufferPointer, line: Int?, offset: Int64?, lookup: Bool, into sink: inout EventSink
    ) -> Bool {
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachElement(in: array) { element in
                guard element.kind == .object else {
                    sink.keepRaw(
                        text: element.stringValue, line: line, offset: offset, reason: "not a CloudTrail record",
                        kind: "not a CloudTrail record")
                    return
                }
                guard lookup else {
                    read(record: element.value, line: line, offset: offset, into: &sink)
                    return
                }
                var embedded: String?
                try? JSONScanner.forEachMember(in: element.value) { member in
                    if member.kind == .string, member.keyEquals("CloudTrailEvent") { embedded = member.stringValue }
                }
                guard var embedded else {
                    sink.keepRaw(
                        text: String(decoding: element.value, as: UTF8.self), line: line, offset: offset,
                        reason: "lookup-events entry without CloudTrailEvent", kind: "not a CloudTrail record")
                    return
                }
                embedded.withUTF8 { read(record: UnsafeRawBufferPointer($0), line: line, offset: offset, into: &sink) }
            }
        } catch {
            sink.keepRaw(
                text: String(decoding: array.prefix(4096), as: UTF8.self), line: line, offset: offset,
                reason: "malformed JSON in the record list (\(error.message)); the rest of the list was not read",
                kind: "malformed JSON")
        }
        return true
    }

    /// Reads one record into one event, or keeps it raw.
    static func read(record bytes: UnsafeRawBufferPointer, line: Int?, offset: Int64?, into sink: inout EventSink) {
        var fields: [String: String] = [:]
        var identity: UnsafeRawBufferPointer?
        var response: UnsafeRawBufferPointer?
        var additional: UnsafeRawBufferPointer?
        var resources: UnsafeRawBufferPointer?
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: bytes) { member in
                switch member.kind {
                case .object where member.keyEquals("userIdentity"): identity = member.value
                case .object where member.keyEquals("responseElements"): response = member.value
                case .object where member.keyEquals("additionalEventData"): additional = member.value
                case .array where member.keyEquals("resources"): resources = member.value
                case .string, .number, .bool:
                    if let name = scalarNames.first(where: { member.keyEquals($0.0) })?.1 {
                        fields[name] = member.stringValue
                    }
                default: break
                }
            }
        } catch {
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: line, offset: offset,
                reason: "malformed CloudTrail record (\(error.message))", kind: "malformed JSON")
            return
        }
        guard let timeText = fields["eventTime"], let time = sink.instant(text: timeText, line: line) else {
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: line, offset: offset,
                reason: "CloudTrail record without a usable eventTime", kind: "no timestamp field")
            return
        }
        var attributes = Attributes()
        var who: [String: String] = [:]
        if let identity {
            try? JSONScanner.forEachMember(in: identity) { member in
                if member.kind == .object, member.keyEquals("sessionContext") {
                    try? JSONScanner.forEachMember(in: member.value) { context in
                        guard context.kind == .object, context.keyEquals("sessionIssuer") else { return }
                        try? JSONScanner.forEachMember(in: context.value) { issuer in
                            if issuer.keyEquals("userName") { who["role"] = issuer.stringValue }
                        }
                    }
                } else if member.kind == .string,
                    let name = identityNames.first(where: { member.keyEquals($0.0) })?.1
                {
                    who[name] = member.stringValue
                }
            }
        }
        let arnName = who["arn"].flatMap { arn in
            arn.split(separator: arn.contains("/") ? "/" : ":").last
        }
        let actor = who["userName"] ?? arnName.map(String.init) ?? who["invoked-by"]
        for key in ["identity-type", "arn", "invoked-by", "principal"] { attributes[key] = who[key] }
        if let role = who["role"], role != actor { attributes["role"] = role }
        for key in [
            "event-source", "event-name", "region", "source-ip", "error-code", "error-message", "event-id",
            "event-type", "read-only", "request-id",
        ] {
            if let value = fields[key] { JSONLinesParser.keep(key, value, in: &attributes) }
        }
        attributes["account"] = fields["account"] ?? who["account"]
        if let agent = fields["user-agent"] { JSONLinesParser.keep("user-agent", agent, in: &attributes) }
        let consoleLogin = response.flatMap { member(named: "ConsoleLogin", in: $0) }
        attributes["console-login"] = consoleLogin
        attributes["mfa-used"] = additional.flatMap { member(named: "MFAUsed", in: $0) }
        if let resources {
            var arns: [String] = []
            try? JSONScanner.forEachElement(in: resources) { element in
                if element.kind == .object, arns.count < 10, let arn = member(named: "ARN", in: element.value) {
                    arns.append(arn)
                }
            }
            if !arns.isEmpty { JSONLinesParser.keep("resources", arns.joined(separator: ", "), in: &attributes) }
        }
        var text = [fields["event-source"], fields["event-name"]].compactMap { $0 }.joined(separator: " ")
        let severity: Severity
        if let code = fields["error-code"] {
            text += " failed: " + ([code, fields["error-message"]].compactMap { $0 }.joined(separator: ": "))
            severity = .error
        } else if let message = fields["error-message"] {
            text += " failed: " + message
            severity = .warning
        } else if let consoleLogin {
            text += ": " + consoleLogin
            severity = consoleLogin == "Failure" ? .warning : .info
        } else {
            severity = .info
        }
        sink.emit(
            time: time, timeText: timeText, line: line, offset: offset, kind: .log, actor: actor, severity: severity,
            text: text.isEmpty ? "CloudTrail event" : text, attributes: attributes)
    }

    /// Top-level scalar members kept, and their attribute names.
    private static let scalarNames: [(StaticString, String)] = [
        ("eventTime", "eventTime"), ("eventSource", "event-source"), ("eventName", "event-name"),
        ("awsRegion", "region"), ("sourceIPAddress", "source-ip"), ("userAgent", "user-agent"),
        ("errorCode", "error-code"), ("errorMessage", "error-message"), ("eventID", "event-id"),
        ("eventType", "event-type"), ("readOnly", "read-only"), ("requestID", "request-id"),
        ("recipientAccountId", "account"),
    ]

    /// `userIdentity` members kept, and their names.
    private static let identityNames: [(StaticString, String)] = [
        ("type", "identity-type"), ("userName", "userName"), ("arn", "arn"), ("invokedBy", "invoked-by"),
        ("principalId", "principal"), ("accountId", "account"),
    ]

    /// A scalar member of the object in `bytes`, as text.
    private static func member(named name: StaticString, in bytes: UnsafeRawBufferPointer) -> String? {
        var found: String?
        try? JSONScanner.forEachMember(in: bytes) { member in
            if found == nil, member.keyEquals(name), member.kind != .object, member.kind != .array, member.kind != .null
            {
                found = member.stringValue
            }
        }
        return found
    }
}
