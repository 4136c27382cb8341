import DXACore
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
