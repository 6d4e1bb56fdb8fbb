import Foundation
import Testing
@testable import DebriefKit

/// Keeps README.md true about what the code does.
@Suite struct DocumentationTests {
    let readme = (try? String(contentsOf: TestPaths.repository.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test func everyFormatIsInTheFormatsTable() {
        for format in InputFormat.allCases {
            #expect(readme.contains("| `\(format.rawValue)` |"), "README formats table lacks \(format.rawValue)")
        }
    }

    @Test func theTwoCommandsAreDocumented() {
        #expect(readme.contains("swift run debrief build Samples/checkout-outage"))
        #expect(readme.contains("Scripts/test"))
        let ci = (try? String(contentsOf: TestPaths.repository.appendingPathComponent(".ci/run"), encoding: .utf8)) ?? ""
        #expect(ci.contains("exec Scripts/test"))
    }

    @Test func everyManifestKeyIsDocumented() {
        for key in Manifest.topLevelKeys + Manifest.sourceKeys {
            #expect(readme.contains("\(key):"), "README lacks manifest key \(key)")
        }
    }
}
