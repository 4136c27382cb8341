import DXACore
import DXAReferenceData
import DXATestSupport
import Foundation
import Testing

/// The folder `reference-data/` of this checkout.
let referenceDataFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appending(path: "reference-data")

@Suite("Shipped reference data")
struct ReferenceDataTests {
  @Test("the binary's tables are byte for byte the files in reference-data/")
  func embeddedEqualsFiles() throws {
    let walker = try #require(FileManager.default.enumerator(at: referenceDataFolder, includingPropertiesForKeys: nil))
    var onDisk: [String: String] = [:]
    for case let url as URL in walker where url.pathExtension == "json" {
      let relative = String(
        url.standardizedFileURL.path.dropFirst(referenceDataFolder.standardizedFileURL.path.count + 1))
      onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
    }
    let embedded = Dictionary(uniqueKeysWithValues: ShippedReferences.files.map { ($0.path, $0.text) })
    #expect(!onDisk.isEmpty)
    #expect(Set(embedded.keys) == Set(onDisk.keys))
    for (path, text) in onDisk {
      #expect(embedded[path] == text, "\(path) differs from what the binary embeds")
    }
  }

  @Test("every shipped file loads, with unique ids, a citation and notes on how it was confirmed")
  func everyFileLoads() throws {
    let library = try shippedLibrary()
    #expect(library.tables.count == 7)
    #expect(library.conversionSets.count == 2)
    for table in library.tables {
      #expect(!table.citation.isEmpty && !table.notes.isEmpty, "\(table.id)")
      // A table used by default never holds an unconfirmed number.
      if table.availability == .default {
        #expect(table.status != .unconfirmed, "\(table.id)")
        for curve in table.curves {
          #expect(curve.status != .unconfirmed, "\(table.id)")
          if case .bands(let bands) = curve.values {
            #expect(bands.allSatisfy { $0.status != .unconfirmed }, "\(table.id)")
          }
        }
      }
    }
    for set in library.conversionSets {
      #expect(!set.citation.isEmpty && !set.notes.isEmpty, "\(set.id)")
    }
  }

  @Test("the reference-data README documents every shipped table and conversion set")
  func readmeNamesEveryID() throws {
    let readme = try String(contentsOf: referenceDataFolder.appending(path: "README.md"), encoding: .utf8)
    let library = try shippedLibrary()
    for id in library.tables.map(\.id) + library.conversionSets.map(\.id) {
      #expect(readme.contains("`\(id)`"), "reference-data/README.md does not name \(id)")
    }
  }

  /// The published values, transcribed from the domain notes (`shared/domain/reference-values.md`) a second time,
  /// so an accidental edit of a shipped number fails here.
  static let published: [(table: String, site: Site, sex: Sex, ethnicity: Ethnicity, values: [String])] = [
    ("nhanes3-hip-young-adult", .femoralNeck, .female, .white, ["young adult 0.858 0.120"]),
    ("nhanes3-hip-young-adult", .totalHip, .female, .white, ["young adult 0.942 0.122"]),
    ("nhanes3-hip-young-men", .femoralNeck, .male, .white, ["young adult 0.934 0.137"]),
    ("nhanes3-hip-young-men", .totalHip, .male, .white, ["young adult 1.041 0.144"]),
    ("nhanes3-hip-young-men", .femoralNeck, .male, .black, ["young adult 1.074 0.168"]),
    ("nhanes3-hip-young-men", .femoralNeck, .male, .mexicanAmerican, ["young adult 0.982 0.137"]),
    ("hologic-spine-young-women", .lumbarSpine, .female, .white, ["young adult 1.047 0.110"]),
    ("xue-2021-young-women", .femoralNeck, .female, .white, ["young adult 0.888 0.121"]),
    ("xue-2021-young-women", .lumbarSpine, .female, .white, ["young adult 1.065 0.122"]),
    (
      "looker-1998-femoral-neck-women", .femoralNeck, .female, .white,
      [
        "20–29 0.858 0.120", "30–39 0.825 0.120", "40–49 0.791 0.125", "50–59 0.737 0.121", "60–69 0.681 0.119",
        "70–79 0.619 0.110", "80+ 0.573 0.108",
      ]
    ),
    (
      "looker-1998-femoral-neck-women", .femoralNeck, .female, .black,
      [
        "20–29 0.950 0.133", "30–39 0.913 0.130", "40–49 0.915 0.153", "50–59 0.852 0.158", "60–69 0.770 0.128",
        "70–79 0.722 0.138", "80+ 0.632 0.115",
      ]
    ),
    (
      "looker-1998-femoral-neck-women", .femoralNeck, .female, .mexicanAmerican,
      [
        "20–29 0.874 0.111", "30–39 0.867 0.125", "40–49 0.848 0.127", "50–59 0.758 0.116", "60–69 0.711 0.112",
        "70–79 0.646 0.123", "80+ 0.556 0.106",
      ]
    ),
    (
      "nhanes-2005-2008-spine-hip", .lumbarSpine, .male, .white,
      [
        "21–30 1.057 0.110", "31–40 1.042 0.117", "41–50 1.051 0.129", "51–60 1.053 0.143", "61–70 1.070 0.142",
        "71–80 1.068 0.177",
      ]
    ),
    (
      "nhanes-2005-2008-spine-hip", .lumbarSpine, .female, .white,
      [
        "21–30 1.064 0.106", "31–40 1.065 0.110", "41–50 1.056 0.134", "51–60 0.993 0.141", "61–70 0.952 0.142",
        "71–80 0.902 0.167",
      ]
    ),
    (
      "nhanes-2005-2008-spine-hip", .totalHip, .male, .white,
      [
        "21–30 1.067 0.120", "31–40 1.029 0.134", "41–50 1.040 0.130", "51–60 1.015 0.142", "61–70 0.997 0.137",
        "71–80 0.961 0.143",
      ]
    ),
    ("nhanes-2005-2008-spine-hip", .totalHip, .female, .white, ["21–30 0.971 0.114"]),
    (
      "nhanes3-total-hip-women-sbmd", .totalHip, .female, .white,
      ["20–29 955 123", "30–39 945 130", "40–49 920 136", "50–59 876 139", "60–69 809 140"]
    ),
  ]

  @Test("every shipped number equals the published value, and nothing else is shipped")
  func valuesMatchPublished() throws {
    let library = try shippedLibrary()
    var expectedCurves = 0
    for entry in Self.published {
      let table = try #require(library.table(id: entry.table))
      let curve = try #require(table.curve(site: entry.site, sex: entry.sex, ethnicity: entry.ethnicity), "\(entry)")
      let shipped: [String]
      switch curve.values {
      case .youngAdult(let mean, let sd): shipped = ["young adult \(mean) \(sd)"]
      case .bands(let bands): shipped = bands.map { "\($0.label) \($0.mean) \($0.sd)" }
      case .lms: shipped = []
      }
      #expect(shipped == entry.values, "\(entry.table) \(entry.site) \(entry.sex) \(entry.ethnicity)")
      expectedCurves += 1
    }
    #expect(library.tables.reduce(0) { $0 + $1.curves.count } == expectedCurves)
  }

  @Test("age bands are contiguous where published so, from and under matching the printed labels")
  func bandBoundaries() throws {
    for table in try shippedLibrary().tables {
      for curve in table.curves {
        guard case .bands(let bands) = curve.values else { continue }
        for band in bands {
          // "20–29" means from 20 up to (not including) 30; "80+" is open.
          if band.label.hasSuffix("+") {
            #expect(band.under == nil && band.label == "\(band.from)+", "\(table.id) \(band.label)")
          } else {
            let bounds = band.label.split(separator: "–").map(String.init)
            #expect(bounds.count == 2, "\(table.id) \(band.label)")
            #expect(bounds.first == band.from.description, "\(table.id) \(band.label)")
            let lastYear = try #require(Int64(bounds.last ?? ""), "\(table.id) \(band.label)")
            #expect(band.under == ExactDecimal(significand: lastYear + 1, scale: 0), "\(table.id) \(band.label)")
          }
        }
      }
    }
  }
}
