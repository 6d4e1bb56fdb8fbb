import Testing

@testable import DebriefKit

@Suite struct CloudTrailParserTests {
    static let s3File = #"""
        {"Records":[{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/deployer/ci-run-42","accountId":"123456789012","sessionContext":{"sessionIssuer":{"type":"Role","userName":"deployer"}}},"eventTime":"2026-11-17T13:52:07Z","eventSource":"ecs.amazonaws.com","eventName":"UpdateService","awsRegion":"eu-central-1","sourceIPAddress":"203.0.113.7","requestParameters":{"service":"payments-api"},"resources":[{"ARN":"arn:aws:ecs:eu-central-1:123456789012:service/prod/payments-api"}],"readOnly":false,"eventType":"AwsApiCall","recipientAccountId":"123456789012"},{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"alice","arn":"arn:aws:iam::123456789012:user/alice"},"eventTime":"2026-11-17T13:58:31Z","eventSource":"rds.amazonaws.com","eventName":"ModifyDBInstance","errorCode":"AccessDenied","errorMessage":"User is not authorized","awsRegion":"eu-central-1"},{"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"autoscaling.amazonaws.com"},"eventTime":"2026-11-17T13:59:00Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances"},{"eventVersion":"1.08","userIdentity":{"type":"Root","arn":"arn:aws:iam::123456789012:root"},"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin"},"garbage"]}
        """#

    @Test func s3DeliveredFile() throws {
        let run = try parse(Self.s3File, as: .cloudTrail, path: "trail.json")
        #expect(run.records == 5)
        #expect(run.skipped == 2)
        let update = run.events[0]
        #expect(update.time.iso8601 == "2026-11-17T13:52:07.000Z")
        #expect(update.actor == "ci-run-42")
        #expect(update.attributes["role"] == "deployer")
        #expect(update.text == "ecs.amazonaws.com UpdateService")
        #expect(update.severity == .info)
        #expect(update.attributes["read-only"] == "false")
        #expect(update.attributes["resources"] == "arn:aws:ecs:eu-central-1:123456789012:service/prod/payments-api")
        #expect(update.id == "trail.json#1")
        let denied = run.events[1]
        #expect(denied.actor == "alice")
        #expect(denied.severity == .error)
        #expect(denied.text == "rds.amazonaws.com ModifyDBInstance failed: AccessDenied: User is not authorized")
        #expect(denied.attributes["error-code"] == "AccessDenied")
        #expect(run.events[2].actor == "autoscaling.amazonaws.com")
        #expect(
            run.events.filter { $0.attributes["parse"] == "raw" }.map { $0.attributes["reason"] } == [
                "CloudTrail record without a usable eventTime", "not a CloudTrail record",
            ])
    }

    @Test func lookupEventsOutputAndJoinedFiles() throws {
        let lookup = #"""
            {
                "Events": [
                    {
                        "EventId": "e1", "EventName": "DeleteBucket", "EventTime": "2026-11-17T14:10:00+00:00",
                        "CloudTrailEvent": "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"bob\"},\"eventTime\":\"2026-11-17T14:10:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"DeleteBucket\"}"
                    },
                    {"EventId": "e2", "EventName": "Nothing"}
                ]
            }
            {"Records":[{"eventTime":"2026-11-17T14:11:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","userIdentity":{"userName":"carol"}}]}
            """#
        let run = try parse(lookup, as: .cloudTrail)
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.events[0].actor == "bob")
        #expect(run.events[0].text == "s3.amazonaws.com DeleteBucket")
        #expect(run.events[1].attributes["reason"] == "lookup-events entry without CloudTrailEvent")
        #expect(run.events[2].actor == "carol")
        #expect(throws: DebriefError.self) { try parse(#"{"something":"else"}"#, as: .cloudTrail) }
    }

    @Test func oneRecordPerLine() throws {
        let run = try parse(
            """
            {"eventVersion":"1.05","eventTime":"2026-11-17T13:58:31Z","eventSource":"sts.amazonaws.com","eventName":"GetCallerIdentity","userIdentity":{"arn":"arn:aws:iam::123456789012:user/ops/dave"}}
            {"eventVersion":"1.05","eventTime":"2026-11-17T13:58:
            {"level":"info"}
            {"eventTime":"2026-11-17T13:58:40Z","eventSource":"iam.amazonaws.com","eventName":"DeleteRole","userIdentity":{"type":"Root","arn":"arn:aws:iam::123456789012:root"}}
            """, as: .cloudTrailNDJSON)
        #expect(run.records == 4)
        #expect(run.skipped == 2)
        #expect(run.events[0].actor == "dave")
        #expect(run.events[3].actor == "root")
        #expect(run.events[3].attributes["identity-type"] == "Root")
        #expect(run.events.filter { $0.attributes["parse"] == "raw" }.map(\.source.line) == [2, 3])
        #expect(run.diagnostics.map(\.line) == [2, 3])
    }

    @Test func detection() {
        func detect(_ text: String) -> InputFormat? {
            FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
        }
        #expect(detect(Self.s3File) == .cloudTrail)
        let line =
            #"{"eventVersion":"1.05","eventTime":"2026-11-17T13:58:31Z","eventSource":"sts.amazonaws.com","eventName":"X"}"#
        #expect(detect(line + "\n" + line + "\n") == .cloudTrailNDJSON)
        // An S3 event notification is not CloudTrail.
        #expect(
            detect(
                #"{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"2026-11-17T13:58:31Z","eventName":"ObjectCreated:Put"}]}"#
            ) != .cloudTrail)
    }
}
