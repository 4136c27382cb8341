import DXACore
import Testing

@testable import DXABatch

@Suite("Bad rows: status=error, the column and what is wrong, and the run goes on")
struct RowErrorTests {
  static let base = [
    "patient_id": "P1", "sex": "female", "age": "67", "menopause": "post", "site": "femoral-neck", "bmd": "0.558",
  ]

  static func with(_ changes: [String: String]) -> [String: String] {
    base.merging(changes) { _, new in new }
  }

  @Test(
    "each class of bad value, with its message",
    arguments: [
      // A value not even shaped like a number is not shown: it may be a name from a shifted column.
      (with(["bmd": "abc"]), "bmd: is not a number"),
      (with(["bmd": "1950-02-03"]), "bmd: is not a number"),
      (with(["bmd": "nan"]), "bmd: 'nan' is not a finite number"),
      (with(["bmd": "\"0,8\""]), "bmd: '0,8': use a point as the decimal separator"),
      (with(["bmd": "8e-1"]), "bmd: '8e-1': write a plain decimal such as 0.850, not an exponent"),
      (with(["bmd": "850"]), "bmd: 850 looks like mg/cm²; give BMD in g/cm² (0.850)"),
      (with(["bmd": "0"]), "bmd: must be greater than 0 g/cm², found 0"),
      (with(["bmd": "-0.8"]), "bmd: must be greater than 0 g/cm², found -0.8"),
      (with(["bmd": "3.1"]), "bmd: 3.1 g/cm² is outside the plausible range 0.050–2.500"),
      (with(["age": "121"]), "age: must be between 0 and 120 years, found 121"),
      (with(["age": "sixty"]), "age: is not a number"),
      (with(["age": ""]), "age: is empty; give the age or birth_date and scan_date"),
      (
        with(["age": "", "birth_date": "31/02/1950", "scan_date": "2020-01-01"]),
        "birth_date: not a date; write YYYY-MM-DD"
      ),
      (
        with(["age": "", "birth_date": "1950-02-30", "scan_date": "2020-01-01"]),
        "birth_date: not a date; write YYYY-MM-DD"
      ),
      (with(["age": "", "birth_date": "2021-01-01", "scan_date": "2020-01-01"]), "birth_date: is after scan_date"),
      (with(["age": "", "birth_date": "1950-01-01", "scan_date": ""]), "scan_date: is empty; expected a date"),
      (
        with(["age": "", "birth_date": "1880-01-01", "scan_date": "2020-01-01"]),
        "birth_date: must be between 0 and 120 years, found 139.997262149212867"
      ),
      // Coded values are never shown either; a near miss is named by the word it was likely meant to be.
      (with(["sex": "x"]), "sex: is not one of: female, male"),
      (with(["sex": "femael"]), "sex: is not one of: female, male; did you mean 'female'?"),
      (with(["sex": ""]), "sex: is empty; expected one of: female, male"),
      (
        with(["site": "hip2"]),
        "site: is not one of: lumbar-spine, l1, l2, l3, l4, femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"
      ),
      // "hip" is ambiguous (a hip scan holds the neck, trochanter and total): never guessed as total hip.
      (
        with(["site": "hip"]),
        "site: is not one of: lumbar-spine, l1, l2, l3, l4, femoral-neck, total-hip, trochanter, intertrochanter, wards, total-body, total-body-less-head, radius-33"
      ),
      (
        with(["sex": "male", "menopause": "post"]), "menopause: 'post' was given for a man; it applies to women only"
      ),
      (
        with(["manufacturer": "siemens"]),
        "manufacturer: is not one of: hologic, ge-lunar, norland"
      ),
      (
        with(["ethnicity": "martian"]),
        "ethnicity: is not one of: white, black, mexican-american, hispanic, asian, other"
      ),
      (with(["menopause": "after"]), "menopause: is not one of: pre, peri, post"),
      (with(["t_score_device": "-2,5x"]), "t_score_device: '-2' is not a number"),
      (with(["z_score_device": "n/a"]), "z_score_device: is not a number"),
      (
        with(["bmd": String(repeating: "9", count: 50)]),
        "bmd: has 50 significant digits; at most 18 are read exactly"
      ),
      // Not shaped like a number (a letter at the end): not shown, as a name in the column would not be.
      (with(["bmd": "0.6321400420314608x"]), "bmd: is not a number"),
      (
        with(["bmd": "0.63214004203146081234"]),
        "bmd: has 20 significant digits; at most 18 are read exactly"
      ),
      (
        with(["bmd": "0." + String(repeating: "0", count: 30) + "1"]),
        "bmd: has 31 digits after the decimal point; at most 24 are read exactly"
      ),
      (with(["bmd": String(repeating: "x", count: 50)]), "bmd: is not a number"),
      // Shaped like a number but not one: shown, cut at 40 characters.
      (
        with(["bmd": "\"" + String(repeating: "1,", count: 25) + "\""]),
        "bmd: '\(String(repeating: "1,", count: 20))…' is not a number"
      ),
    ])
  func badValue(values: [String: String], message: String) throws {
    let input = "\(header)\n\(longRow(Self.base))\n\(longRow(values))\n\(longRow(Self.base))\n"
    let run = try runBatch(input)
    let rows = run.rows
    #expect(rows.count == 3)
    #expect(rows[0]["status"] == "ok" && rows[2]["status"] == "ok")
    if values["t_score_device"] == "-2,5x" {
      // An unquoted comma splits the value: the row is ragged, which is reported first.
      #expect(rows[1]["error"] == "row: has 18 fields; the header has 17")
      return
    }
    #expect(rows[1]["status"] == "error")
    #expect(rows[1]["error"] == message)
    #expect(rows[1]["t_score"] == "" && rows[1]["category"] == "")
    #expect(run.summary.errorRows == 1 && run.summary.okRows == 2)
    #expect(run.summary.firstErrors.map(\.description) == ["row 2, \(message)"])
    #expect(run.errors.hasPrefix("row,error,record\n2,"))
  }

  @Test("errors never quote identifiers: the patient id is not in any message")
  func noIdentifiers() throws {
    let bad = Self.with(["patient_id": "SECRET-ID-123", "bmd": "abc", "sex": "?", "site": "?"])
    let run = try runBatch("\(header)\n\(longRow(bad))\n")
    #expect(run.rows[0]["error"]?.contains("SECRET") == false)
    #expect(run.summary.firstErrors.allSatisfy { !$0.message.contains("SECRET") })
  }

  @Test("a header without the needed columns stops the run before any output")
  func missingColumns() throws {
    #expect {
      try runBatch("patient_id,bmd\nP1,0.8\n")
    } throws: { error in
      guard case .input(let inputError) = error as? BatchFailure else { return false }
      return inputError.description
        == "header: no column for site, sex, age (or birth_date and scan_date); a batch needs site, bmd, sex and age or birth_date with scan_date (or a --map that gives them)"
    }
    #expect {
      try runBatch("")
    } throws: { error in
      guard case .input(let inputError) = error as? BatchFailure else { return false }
      return inputError.description == "header: the input is empty: no header line"
    }
  }

  @Test("rows in = rows out on a mixed file, and the counts add up")
  func rowsInRowsOut() throws {
    var lines = [header]
    var expectedErrors = 0
    for index in 0..<500 {
      switch index % 7 {
      case 0:
        lines.append(longRow(Self.with(["bmd": "x\(index)"])))
        expectedErrors += 1
      case 3:
        lines.append("P\(index),short")
        expectedErrors += 1
      case 5:
        lines.append(longRow(Self.with(["age": String(20 + index % 70), "bmd": "0.\(600 + index % 300)"])))
      default:
        lines.append(longRow(Self.with(["bmd": "0.\(500 + index % 400)"])))
      }
    }
    let run = try runBatch(lines.joined(separator: "\n") + "\n", jobs: 3, bufferSize: 4096)
    #expect(run.records.count == 501)
    #expect(run.summary.rows == 500)
    #expect(run.summary.errorRows == expectedErrors)
    #expect(run.summary.okRows + run.summary.errorRows == 500)
    #expect(run.rows.filter { $0["status"] == "error" }.count == expectedErrors)
    #expect(run.errors.split(separator: "\n").count == expectedErrors + 1)
    // Output rows are in input order: the patient ids come back as they went in.
    #expect(run.rows.map { $0["patient_id"] ?? "" } == lines.dropFirst().map { String($0.prefix { $0 != "," }) })
  }
}
