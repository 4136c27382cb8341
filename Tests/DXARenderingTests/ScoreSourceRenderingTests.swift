import DXACore
import DXARendering
import DXATestSupport
import Testing

@Suite("Report JSON: sources and discrepancies beside the keys that were there")
struct ReportJSONSourceTests {
  @Test("existing keys stay; tScore is the reported score, tScoreSource says where it came from")
  func keys() throws {
    let rows =
      #"{"site": "lumbar-spine", "bmd": 0.799, "t_score_device": -2.2}, {"site": "femoral-neck", "side": "left", "bmd": 0.552, "t_score_device": -1.6}"#
    let json = try buildReport(try exam(examJSON(measurements: rows))).json
    let diagnosis = try #require(json["diagnosis"])
    #expect(diagnosis["category"] == .string("osteoporosis"))
    #expect(diagnosis["site"] == .string("Femoral neck (left)"))
    #expect(diagnosis["score"] == .number("-2.6"))
    #expect(diagnosis["source"] == .string("recomputed"))
    guard case .array(let sites)? = json["sites"], sites.count == 2 else {
      Issue.record("expected two sites")
      return
    }
    #expect(sites[0]["tScore"] == .number("-2.2"))
    #expect(sites[0]["tScoreSource"]?["source"] == .string("scanner"))
    #expect(sites[0]["tScoreSource"]?["choice"] == .string("scanner-maker-database"))
    #expect(sites[0]["tScoreDevice"] == .number("-2.2"))
    #expect(sites[0]["t"]?["score"] == .number("-2.3"))  // the engine's, for audit
    #expect(sites[1]["tScoreSource"]?["reference"] == .string("nhanes3-hip-young-adult"))
    guard case .array(let discrepancies)? = json["discrepancies"] else {
      Issue.record("no discrepancies list")
      return
    }
    #expect(discrepancies.count == 1)
    #expect(discrepancies.first?["scanner"] == .number("-1.6"))
    #expect(discrepancies.first?["recomputed"] == .number("-2.6"))
    #expect(discrepancies.first?["categoriesDiffer"] == .bool(true))
    #expect(discrepancies.first?["used"] == .string("recomputed"))
  }
}

@Suite("FHIR: gender identity and Z-score populations")
struct FHIRPopulationTests {
  @Test("the Patient carries the gender identity extension; a Z-score population has no T-score Observation")
  func transgenderWoman() throws {
    let rows = #"{"site": "femoral-neck", "side": "left", "bmd": 0.540, "t_score_device": -2.7}"#
    let report = try buildReport(
      try exam(examJSON(measurements: rows, patient: #""sex": "male", "gender_identity": "female", "age": 45"#)))
    let reader = try fhirBundle(report)
    let patient = try #require(reader.resources("Patient").first)
    #expect(patient["gender"]?.text == "male")
    let ext = try #require(patient["extension"]?.elements.first)
    #expect(ext["url"]?.text == "http://hl7.org/fhir/StructureDefinition/patient-genderIdentity")
    #expect(ext["valueCodeableConcept"]?["text"]?.text == "female")
    #expect(reader.observation("Femoral neck (left) T-score") == nil)
    let z = try #require(reader.observation("Femoral neck (left) Z-score"))
    #expect(z["valueQuantity"]?["value"]?.numberText == "-2.0")
    #expect(reader.diagnosticReport?["conclusion"]?.text?.contains("-2.7") == false)
  }
}
