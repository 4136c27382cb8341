import DXACore
import Foundation
import Testing

@Suite("Help, version and the reference commands, end to end")
struct HelpAndReferenceTests {
  @Test("help goes to stdout with exit 0 in the usual layout")
  func help() throws {
    for arguments in [["--help"], ["-h"], ["help"], []] {
      let run = try dxa(arguments)
      #expect(run.status == 0)
      #expect(run.stderr.isEmpty)
      #expect(run.stdout.hasPrefix("OVERVIEW: "))
      #expect(run.stdout.contains("\nSUBCOMMANDS:\n  score                   Compute the T-score"))
    }
    let score = try dxa("score", "--help")
    #expect(score.status == 0)
    #expect(score.stdout.hasPrefix("OVERVIEW: Compute the T-score, Z-score and category of one measured site."))
    #expect(score.stdout.contains("\n  --bmd <g/cm2>           Areal BMD in g/cm² as the scanner printed it.\n"))
    #expect(score.stdout.contains("(values: hologic, ge-lunar, norland; default: hologic)"))
    #expect(try dxa("help", "score").stdout == score.stdout)
    #expect(try dxa("score", "-h").stdout == score.stdout)
    // Help text starts at column 26 and fits in 80 columns.
    for line in score.stdout.split(separator: "\n") where line.hasPrefix("  --") {
      #expect(line.count <= 80, "\(line)")
      let characters = Array(line)
      if characters.count > 26 && characters[25] == " " { #expect(characters[26] != " ", "\(line)") }
    }
  }

  @Test("--version prints the bare version")
  func version() throws {
    let run = try dxa("--version")
    #expect(run.status == 0)
    #expect(run.stdout == "0.1.0\n")
  }

  @Test("run from an empty directory, the binary holds exactly the files in reference-data/")
  func embeddedTablesEqualFiles() throws {
    let list = try JSONValue.parse(try dxa("reference", "list", "--format", "json").stdout)
    guard case .array(let tables)? = list["tables"], case .array(let conversions)? = list["conversions"] else {
      Issue.record("reference list --format json has tables and conversions arrays")
      return
    }
    let listed = (tables + conversions).compactMap { entry -> String? in
      if case .string(let id)? = entry["id"] { return id }
      return nil
    }
    var filesChecked = 0
    for folder in ["tables", "conversions"] {
      let directory = referenceDataFolder.appending(path: folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".json") {
        let file = try JSONValue.parse(String(contentsOf: directory.appending(path: name), encoding: .utf8))
        guard case .string(let id)? = file["id"] else {
          Issue.record("\(name) has no id")
          continue
        }
        #expect(listed.contains(id), "\(id) is not in the binary")
        let shown = try dxa("reference", "show", id, "--format", "json")
        #expect(shown.status == 0)
        #expect(try JSONValue.parse(shown.stdout) == file, "\(id): the binary's table differs from \(folder)/\(name)")
        filesChecked += 1
      }
    }
    #expect(filesChecked == listed.count)
    #expect(filesChecked == 9)
  }

  @Test("reference list and show print sources, status and values for people")
  func referenceText() throws {
    let list = try dxa("reference", "list")
    #expect(list.status == 0)
    #expect(list.stdout.contains("  nhanes3-hip-young-adult v1  [young-adult, hologic, secondary, default]"))
    #expect(list.stdout.contains("  nhanes3-hip-young-men v2  [young-adult, hologic, secondary, on request]"))
    #expect(list.stdout.contains("  hologic-spine-young-women v1  [young-adult, hologic, secondary, default]"))
    #expect(list.stdout.contains("  spine-genant-1994 v1  [secondary, approximate]"))
    // The files dxa report reads beside the tables, with their status: templates say they are unconfirmed.
    #expect(list.stdout.contains("  medicare v1  [secondary]\n    Medicare\n"))
    #expect(list.stdout.contains("  bcbs v0  [unconfirmed]\n    Blue Cross Blue Shield\n"))
    #expect(list.stdout.contains("Conditions lists (risk_factors.conditions in an exam):\n  dxa-conditions v1\n"))
    #expect(list.stdout.contains("Billing codes (the words of the billing suggestions):\n  dxa-billing-codes v1\n"))
    #expect(list.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    let json = try JSONValue.parse(try dxa("reference", "list", "--format", "json").stdout)
    guard case .array(let payers)? = json["payers"] else {
      Issue.record("reference list --format json has a payers array")
      return
    }
    #expect(payers.compactMap { $0["id"] } == ["aetna", "bcbs", "cigna", "medicare", "uhc"].map(JSONValue.string))
    #expect(json["billingCodes"]?["id"] == .string("dxa-billing-codes"))
    let show = try dxa("reference", "show", "looker-1998-femoral-neck-women")
    #expect(show.stdout.contains("  citation      Looker AC et al. Osteoporos Int 1998;8(5):468–489"))
    #expect(show.stdout.contains("      80+           0.573  0.108"))
    #expect(show.stdout.contains("    femoral-neck, female, mexican-american [secondary]"))
    let hologic = try dxa("reference", "show", "hologic-spine-young-women")
    #expect(hologic.stdout.contains("  maker         Hologic's own database: scores Hologic spines (ISCD)"))
  }
}

@Suite("The README stays true")
struct ReadmeTests {
  @Test("the README's example command prints what the README shows")
  func example() throws {
    let readme = try String(
      contentsOf: referenceDataFolder.deletingLastPathComponent().appending(path: "README.md"), encoding: .utf8)
    // `swift build … --product dxa && .build/release/dxa ARGUMENTS`: the arguments follow the binary.
    let command = try #require(
      readme.split(separator: "\n").first { $0.hasPrefix("swift build -c release ") && $0.contains("/dxa score ") })
    let arguments = try #require(command.components(separatedBy: "/dxa ").last).split(separator: " ").map(String.init)
    let shown = try #require(
      readme.components(separatedBy: "The first prints:\n```\n").last?.components(separatedBy: "\n```").first)
    let run = try dxa(arguments)
    #expect(run.status == 0)
    #expect(run.stdout == shown + "\n")
  }
}

@Suite("Help pages")
struct HelpWidthTests {
  @Test(
    "every help page fits 80 columns",
    arguments: ["score", "report", "precision", "batch", "reference", "completions", "help"])
  func width(command: String) throws {
    let run = try dxa(command, "--help")
    #expect(run.status == 0)
    let wide = run.stdout.split(separator: "\n").filter { $0.count > 80 }
    #expect(wide.isEmpty, "\(command): \(wide)")
  }
}
