import DXACore
import DXAReferenceData
import Testing

@testable import DXABatch

@Suite("A template whose note quotes the age is checked at another age of its class, as the bytes rows get")
struct AgeQuotingNoteTests {
  @Test("the engine's note at another age of the class is the template's note with that age; another wording is not")
  func otherAgeNotes() throws {
    var checked = 0
    for (index, setup) in try equalitySetups(usesTemplates: true).enumerated() {
      var generator = RequestGenerator(state: UInt64(index) + 1_501)
      for _ in 0..<2_000 {
        let (request, units) = generator.request()
        guard let units else { continue }
        let otherAge = setup.ageClasses.otherAge(
          inClassOf: request.age, units: units, site: request.site, sex: request.sex)
        guard let template = standaloneTemplate(request, units: units, in: setup), template.noteSegments.count > 1
        else { continue }
        for age in [request.age, otherAge] {
          var probe = request
          probe.age = age
          probe.bmd = ExactDecimal(significand: 1_000, scale: 3)
          let note = RowScore(try setup.engine.score(probe)).note
          #expect(template.isNote(note, age: age), "setup \(index): \(probe)")
          #expect(note == template.note(age: age))
          // The same note read at an age written otherwise (one more decimal) is not this age's note.
          let widened = ExactDecimal(significand: age.significand * 10, scale: age.scale + 1)
          #expect(!template.isNote(note, age: widened), "setup \(index): \(probe)")
          #expect(!template.isNote(note + " ", age: age))
        }
        checked += 1
      }
    }
    #expect(checked > 50)
  }
}

@Suite("A template whose note quotes the age serves the other age classes whose results read the same at two ages")
struct SharedAgeQuotingTemplateTests {
  @Test("women's total hip past the NHANES bands: one template, each row's note and scores the engine's")
  func womenTotalHip() throws {
    let setup = ScoringSetup(library: try ShippedReferences.library(), policy: .standard)
    var built: [ScoreTemplate] = []
    var shared = 0
    // 50 and 60 are classes of one age each (limits), checked at "50.0" and "60.0"; 71.5 and 85 lie past the
    // on-request sBMD table's 20–70, whose note no longer names it.
    for text in ["35", "45.5", "50", "55.25", "60", "64.75", "71.5", "85"] {
      let age = try #require(ExactDecimal(text))
      let units = try #require(AgeClasses.units(age))
      let request = ScoreRequest(
        site: .totalHip, bmd: ExactDecimal(significand: 700, scale: 3), sex: .female, age: age, menopause: .post,
        manufacturer: .hologic, ethnicity: .white)
      let otherAge = setup.ageClasses.otherAge(inClassOf: age, units: units, site: .totalHip, sex: .female)
      let template = try #require(
        ScoreTemplate.build(
          engine: setup.engine, request: request, otherAge: otherAge, siblings: built,
          references: setup.referenceWords))
      #expect(template.noteSegments.count == 2, "\(text): \(template.noteSegments)")
      if built.contains(where: { $0 === template }) {
        shared += 1
      } else {
        #expect(template.mayServeOtherClasses)
        built.append(template)
      }
      // What rows of this class get is what the engine gives them, at both ages and at several BMDs.
      for rowAge in [age, otherAge] {
        for bmd in ["0.412", "0.700", "0.858", "1.234"] {
          var row = request
          row.age = rowAge
          row.bmd = try #require(ExactDecimal(bmd))
          let engine = RowScore(try setup.engine.score(row))
          #expect(template.note(age: rowAge) == engine.note, "\(rowAge) \(bmd)")
          #expect(template.reference == engine.reference)
          #expect(template.noteCodes == engine.noteCodes)
          #expect(template.tScore?.tenths(significand: row.bmd.significand, scale: row.bmd.scale) == engine.tTenths)
          #expect(template.zScore == nil && engine.zTenths == nil)
        }
      }
    }
    // 35 to 64.75 share the first template; 71.5 builds its own (another note), and 85 shares that one.
    #expect(shared == 6)
    #expect(built.count == 2)
  }

  @Test("a result with other words or other scores does not take the template")
  func otherWordsOrScores() throws {
    let setup = ScoringSetup(library: try ShippedReferences.library(), policy: .standard)
    func result(age: String, site: Site = .totalHip) throws -> ScoreResult {
      try setup.engine.score(
        ScoreRequest(
          site: site, bmd: ExactDecimal(significand: 1_000, scale: 3), sex: .female,
          age: try #require(ExactDecimal(age)), menopause: .post, manufacturer: .hologic, ethnicity: .white))
    }
    let request = ScoreRequest(
      site: .totalHip, bmd: ExactDecimal(significand: 700, scale: 3), sex: .female, age: 35, menopause: .post,
      manufacturer: .hologic, ethnicity: .white)
    let template = try #require(
      ScoreTemplate.build(engine: setup.engine, request: request, otherAge: 36, references: setup.referenceWords))
    let words = setup.referenceWords
    #expect(template.holds(for: try result(age: "45.5"), age: try #require(ExactDecimal("45.5")), references: words))
    // The same result read at another age (the note quotes 45.5, the rows would say 45.50).
    #expect(!template.holds(for: try result(age: "45.5"), age: try #require(ExactDecimal("45.50")), references: words))
    // Past 70 the note no longer names the on-request table.
    #expect(!template.holds(for: try result(age: "85"), age: 85, references: words))
    // At 25 the Z-score is scored: other scores.
    #expect(!template.holds(for: try result(age: "25"), age: 25, references: words))
  }
}
