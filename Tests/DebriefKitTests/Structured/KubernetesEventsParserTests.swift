import Testing

@testable import DebriefKit

@Suite struct KubernetesEventsParserTests {
    static let list = #"""
        {
          "apiVersion": "v1",
          "kind": "List",
          "items": [
            {
              "apiVersion": "v1", "kind": "Event",
              "metadata": {"name": "checkout-7d9f.1", "namespace": "shop", "creationTimestamp": "2026-11-17T13:50:00Z"},
              "involvedObject": {"kind": "Pod", "name": "checkout-7d9f", "namespace": "shop", "fieldPath": "spec.containers{app}"},
              "reason": "BackOff", "message": "Back-off restarting failed container app",
              "source": {"component": "kubelet", "host": "node-2"},
              "firstTimestamp": "2026-11-17T13:50:00Z", "lastTimestamp": "2026-11-17T14:02:10Z",
              "count": 14, "type": "Warning", "eventTime": null, "reportingComponent": ""
            },
            {
              "apiVersion": "events.k8s.io/v1", "kind": "Event",
              "metadata": {"name": "checkout.2", "namespace": "shop", "creationTimestamp": "2026-11-17T13:40:00Z"},
              "eventTime": "2026-11-17T13:41:07.123456Z",
              "regarding": {"kind": "Deployment", "name": "checkout", "namespace": "shop"},
              "reason": "ScalingReplicaSet", "note": "Scaled up replica set checkout-7d9f to 3",
              "reportingController": "deployment-controller", "reportingInstance": "kcm-1",
              "action": "Scale", "type": "Normal", "series": {"count": 2, "lastObservedTime": "2026-11-17T13:45:00.000000Z"}
            },
            {
              "apiVersion": "v1", "kind": "Event",
              "involvedObject": {"kind": "Node", "name": "node-2"}, "reason": "NodeNotReady", "type": "Warning"
            },
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "not-an-event"}}
          ]
        }
        """#

    @Test func listWithCoreAndEventsV1Items() throws {
        let run = try parse(Self.list, as: .kubernetesEvents, path: "events.json")
        #expect(run.records == 4)
        #expect(run.skipped == 2)
        let backOff = run.events[0]
        #expect(backOff.time.iso8601 == "2026-11-17T14:02:10.000Z")
        #expect(backOff.timeText == "2026-11-17T14:02:10Z")
        #expect(backOff.text == "BackOff: Back-off restarting failed container app (Pod/checkout-7d9f)")
        #expect(backOff.severity == .warning)
        #expect(backOff.actor == "kubelet")
        #expect(backOff.attributes["count"] == "14")
        #expect(backOff.attributes["first-time"] == "2026-11-17T13:50:00Z")
        #expect(backOff.attributes["namespace"] == "shop")
        #expect(backOff.attributes["host"] == "node-2")
        #expect(backOff.id == "events.json#1")
        let scaled = run.events[1]
        #expect(scaled.time.iso8601 == "2026-11-17T13:45:00.000Z")  // series.lastObservedTime
        #expect(scaled.text == "ScalingReplicaSet: Scaled up replica set checkout-7d9f to 3 (Deployment/checkout)")
        #expect(scaled.actor == "deployment-controller")
        #expect(scaled.severity == .info)
        #expect(scaled.attributes["count"] == "2")
        #expect(scaled.attributes["action"] == "Scale")
        #expect(scaled.attributes["reporting-instance"] == "kcm-1")
        // No time at all, and not an event: kept raw, with warnings.
        #expect(run.events[2].attributes["reason"] == "event without a usable timestamp")
        #expect(run.events[2].text == "NodeNotReady (Node/node-2)")
        #expect(run.events[3].attributes["reason"] == "not a Kubernetes event")
        #expect(run.diagnostics.filter { $0.severity == .warning }.count == 2)
    }

    @Test func watchStreamOfSingleEvents() throws {
        let run = try parse(
            """
            {"kind":"Event","involvedObject":{"kind":"Pod","name":"a"},"reason":"Killing","message":"Stopping container app","lastTimestamp":"2026-11-17T14:00:00Z","type":"Normal","source":{"component":"kubelet"}}
            {"kind":"Event","involvedObject":{"kind":"Pod","name":"b"},"reason":"Pulled","message":"ok","firstTimestamp":"2026-11-17T14:00:05+01:00"}
            """, as: .kubernetesEvents)
        // Read order; the source reader sorts (firstTimestamp is the fallback, with its own offset).
        #expect(run.events.map(\.time.iso8601) == ["2026-11-17T14:00:00.000Z", "2026-11-17T13:00:05.000Z"])
        #expect(run.sink.outOfOrder == 1)
    }

    @Test func documentsWithoutEventsAreErrors() {
        #expect(throws: DebriefError.self) {
            try parse(#"{"kind":"List","items":[{"kind":"Pod"}]}"#, as: .kubernetesEvents)
        }
        #expect(throws: DebriefError.self) { try parse("{\"kind\": \"Event\",\n \"reason\": }", as: .kubernetesEvents) }
        do {
            _ = try parse("{\"kind\":\"Event\"}\n\n{\"kind\": \"Event\",\n \"reason\": x}", as: .kubernetesEvents)
        } catch let error as DebriefError {
            #expect(error.line == 4)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func detection() {
        #expect(
            FormatSniffer.detect(SniffSample(bytes: Array(Self.list.utf8), isComplete: true)).format
                == .kubernetesEvents)
        let v1 =
            #"{"apiVersion":"events.k8s.io/v1","kind":"EventList","items":[{"regarding":{"kind":"Pod"},"reason":"x"}]}"#
        #expect(FormatSniffer.detect(SniffSample(bytes: Array(v1.utf8), isComplete: true)).format == .kubernetesEvents)
    }
}
