import DXACore
import FuzzSupport

// The reference readers (`--reference FILE`: a table or a conversion set): one that reads is loaded beside the
// shipped ones and scores a grid of requests, as `dxa score` would with it.
let sites: [Site] = [.lumbarSpine, .l2, .femoralNeck, .totalHip, .radius33]
let ages = ["15", "35", "67.5", "90"].compactMap { ExactDecimal($0) }
let densities = ["0.050", "0.812", "2.500"].compactMap { ExactDecimal($0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReference(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = FuzzInput.text(data, size)
  var library = ReportPipeline.library
  if let table = try? ReferenceTable(json: text, file: "table.json") {
    guard (try? library.add(table, requested: true)) != nil else { return 0 }
  } else if let set = try? ConversionSet(json: text, file: "conversion.json") {
    guard (try? library.add(set)) != nil else { return 0 }
  } else {
    return 0
  }
  let engine = ScoringEngine(library: library)
  for site in sites {
    for sex in Sex.allCases {
      for age in ages {
        for bmd in densities {
          for manufacturer in Manufacturer.allCases {
            let request = ScoreRequest(
              site: site, bmd: bmd, sex: sex, age: age, menopause: sex == .female ? .post : nil,
              manufacturer: manufacturer, ethnicity: .black)
            _ = try? engine.score(request)
          }
        }
      }
    }
  }
  return 0
}
