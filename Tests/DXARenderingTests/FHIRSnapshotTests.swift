import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

@testable import DXACore
@testable import DXARendering

/// The whole bundle of one example exam, compared byte for byte with the committed file.
///
/// After an intended change, regenerate with
/// `DXA_UPDATE_SNAPSHOTS=1 swift test --filter FHIRSnapshotTests`, review `git diff Tests/Snapshots`, and
/// run the tests again without the variable (a run that rewrites the file fails on purpose, so it is never green).
@Suite("FHIR bundle snapshot")
struct FHIRSnapshotTests {
  static func followUpBundle() throws -> String {
    // As `dxa report` builds it: the example facility, the baseline as prior.
    let report = try exampleReport("exam-follow-up.json")
    let bundle = report.fhirBundle(
      codes: try ShippedReferences.reportCodes(), presentedText: textReport(report),
      generatedAt: "2025-04-14T12:00:00Z")
    return bundle.rendered() + "\n"
  }

  @Test("the bundle of exam-follow-up.json equals Tests/Snapshots/exam-follow-up.fhir.json")
  func followUp() throws {
    try expectSnapshot(try Self.followUpBundle(), "exam-follow-up.fhir.json")
  }
}
