/// Recognises log records that are really deployments, so they stand out on the timeline and the
/// analysis can cite "the deploy that preceded the first error".
///
/// A record is a deploy (or configuration change) when a structured field says so (`event`,
/// `type`, `action`, `category` = deploy, deployment, rollout, release, rollback, config) or its text uses deploy vocabulary as a verb or
/// noun phrase (deploying, deployed, deployment, deploy started/finished/failed, rolling out, rolled
/// out, rollout, rollback, rolling back, rolled back). A bare "deploy" is not enough: it is a common
/// user and host name (`Accepted publickey for deploy from …`).
/// Reclassified events keep `kind-basis` saying why.
public enum EventClassifier {
    static let deployValues: Set<String> = [
        "deploy", "deployment", "rollout", "release", "rollback", "deployed", "config", "configuration", "config-change",
        "config_change",
    ]
    static let deployWords: [String] = [
        "deploying", "deployed", "deployment", "deploy started", "deploy finished", "deploy completed",
        "deploy complete", "deploy failed", "deploy succeeded", "rolling out", "rolled out", "rollout", "rollback",
        "rolling back", "rolled back", "roll back", "redeploy",
    ]

    /// Reclassifies deploy records among `events` (only `log` events are considered).
    public static func classify(_ events: inout [Event]) {
        for index in events.indices { classify(&events[index]) }
    }

    /// Reclassifies `event` as a deploy when it is a `log` event that reads like one.
    public static func classify(_ event: inout Event) {
        guard event.kind == .log, let basis = deployBasis(event) else { return }
        event.kind = .deploy
        event.attributes["kind-basis"] = basis
    }

    static func deployBasis(_ event: Event) -> String? {
        fieldBasis(event) ?? textBasis(event.text)
    }

    /// A deploy named by a structured field.
    static func fieldBasis(_ event: Event) -> String? {
        for (key, value) in event.attributes {
            switch key {
            case "event", "type", "action", "category", "event.action", "event.type":
                let lowered = value.lowercased()
                if deployValues.contains(lowered) { return "field \(key)=\(lowered)" }
            default:
                continue
            }
        }
        return nil
    }

    /// A deploy named by the text's vocabulary.
    static func textBasis(_ text: String) -> String? {
        // Most records mention neither; check bytes before building a lower-cased copy.
        guard mentionsDeployVocabulary(text) else { return nil }
        let text = text.prefix(300).lowercased()
        for word in deployWords where text.contains(word) {
            return "text mentions '\(word.trimmingCharacters(in: [" ", ":"]))'"
        }
        return nil
    }
}

extension EventClassifier {
    /// Whether the first 300 bytes contain "deploy" or "roll" in any case.
    static func mentionsDeployVocabulary(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { utf8 in
            let n = min(utf8.count, 300)
            guard n >= 4 else { return false }
            var i = 0
            while i + 4 <= n {
                let a = utf8[i] | 0x20
                if a == 0x64, i + 6 <= n, utf8[i + 1] | 0x20 == 0x65, utf8[i + 2] | 0x20 == 0x70,
                    utf8[i + 3] | 0x20 == 0x6C, utf8[i + 4] | 0x20 == 0x6F, utf8[i + 5] | 0x20 == 0x79
                {
                    return true  // deploy
                }
                if a == 0x72, utf8[i + 1] | 0x20 == 0x6F, utf8[i + 2] | 0x20 == 0x6C, utf8[i + 3] | 0x20 == 0x6C {
                    return true  // roll
                }
                i += 1
            }
            return false
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
