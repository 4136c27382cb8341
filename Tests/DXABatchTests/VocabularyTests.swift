import DXACore
import DXASynthetic
import Testing

@testable import DXABatch

/// The matching rule, byte by byte: the first listed word equal to the value once both are normalised.
private func referenceMatch<Value>(_ value: [UInt8], _ vocabulary: Vocabulary<Value>) -> Value? {
  let normalised = value.map(PackedWord.normalized)
  for entry in vocabulary.entries where Array(entry.word.utf8).map(PackedWord.normalized) == normalised {
    return entry.value
  }
  return nil
}

private func match<Value>(_ value: [UInt8], _ vocabulary: Vocabulary<Value>) -> Value? {
  value.withUnsafeBufferPointer { vocabulary.match($0) }
}

/// The ways a word may be written: cases, and `_` or space for each `-`.
private func spellings(of word: String) -> [[UInt8]] {
  let bytes = Array(word.utf8)
  func upper(_ byte: UInt8) -> UInt8 { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte }
  var cases: [[UInt8]] = [
    bytes, bytes.map(upper),
    bytes.enumerated().map { $0.offset == 0 ? upper($0.element) : $0.element },
    bytes.enumerated().map { $0.offset % 2 == 0 ? upper($0.element) : $0.element },
    bytes.enumerated().map { $0.offset % 2 == 1 ? upper($0.element) : $0.element },
  ]
  // Each single letter raised, and each all but one.
  for index in bytes.indices {
    var one = bytes
    one[index] = upper(one[index])
    cases.append(one)
    var allButOne = bytes.map(upper)
    allButOne[index] = bytes[index]
    cases.append(allButOne)
  }
  var spellings: [[UInt8]] = []
  for written in cases {
    spellings.append(written)
    for replacement in [UInt8(ascii: "_"), UInt8(ascii: " ")] {
      spellings.append(written.map { $0 == UInt8(ascii: "-") ? replacement : $0 })
      // Each dash alone replaced.
      for index in written.indices where written[index] == UInt8(ascii: "-") {
        var one = written
        one[index] = replacement
        spellings.append(one)
      }
    }
  }
  return spellings
}

/// Every spelling of every word of `vocabulary` gives its value; near misses give what the byte-by-byte rule gives.
private func checkVocabulary<Value: Equatable>(_ vocabulary: Vocabulary<Value>, seed: UInt64) {
  for entry in vocabulary.entries {
    // A word listed twice gives its first value.
    let expected = vocabulary.entries.first { $0.word == entry.word }?.value
    for spelling in spellings(of: entry.word) {
      #expect(match(spelling, vocabulary) == expected, "\(String(decoding: spelling, as: UTF8.self))")
    }
  }
  var generator = SplitMix64(seed: seed)
  let specials: [UInt8] = [
    0x00, 0x20, 0x2D, 0x5F, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x80, 0xC1, 0xDA, 0xFF,
  ]
  func pick(_ count: Int) -> Int { Int(generator.next() % UInt64(count)) }
  for _ in 0..<4_000 {
    var bytes = Array(vocabulary.entries[pick(vocabulary.entries.count)].word.utf8)
    let special = specials[pick(specials.count)]
    switch generator.next() % 5 {
    case 0 where !bytes.isEmpty: bytes[pick(bytes.count)] = special
    case 1 where !bytes.isEmpty: bytes[pick(bytes.count)] = UInt8(truncatingIfNeeded: generator.next())
    case 2 where !bytes.isEmpty: bytes.removeLast()
    case 3: bytes.append(special)
    default: bytes.insert(special, at: pick(bytes.count + 1))
    }
    #expect(match(bytes, vocabulary) == referenceMatch(bytes, vocabulary))
  }
}

@Suite("Coded columns: the packed-word table matches exactly as the byte-by-byte rule does")
struct VocabularyTests {
  let vocabularies = Vocabularies()

  @Test("every word and synonym, in every case and with _ or space for -, gives its value; near misses agree")
  func everyWord() {
    checkVocabulary(vocabularies.site, seed: 1)
    checkVocabulary(vocabularies.sex, seed: 2)
    checkVocabulary(vocabularies.menopause, seed: 3)
    checkVocabulary(vocabularies.manufacturer, seed: 4)
    checkVocabulary(vocabularies.ethnicity, seed: 5)
    checkVocabulary(vocabularies.included, seed: 6)
  }

  @Test("empty values, values longer than any word and values of 24 bytes or more match nothing")
  func lengths() {
    for count in [0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 40] {
      let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: count)
      #expect(match(bytes, vocabularies.site) == nil)
    }
    #expect(match(Array("total-body-less-head".utf8), vocabularies.site) == .totalBodyLessHead)
    #expect(match(Array("TOTAL_BODY LESS-HEAD".utf8), vocabularies.site) == .totalBodyLessHead)
    #expect(match(Array("total-body-less-heads".utf8), vocabularies.site) == nil)
    #expect(match(Array("total-body".utf8), vocabularies.site) == .totalBody)
  }

  @Test("a word listed twice keeps its first value, as a scan of the list would")
  func duplicates() {
    let vocabulary = Vocabulary<Int>([("a", 1), ("b", 2)], synonyms: [("A", 3), ("b_c", 4), ("B-C", 5)])
    #expect(match(Array("a".utf8), vocabulary) == 1)
    #expect(match(Array("b c".utf8), vocabulary) == 4)
  }

  @Test("eight bytes normalised at once equal each normalised alone: every byte value at every position")
  func normalisedWord() {
    var generator = SplitMix64(seed: 20_261_202)
    for position in 0..<8 {
      for value in 0...255 {
        for _ in 0..<4 {
          var bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
          bytes[position] = UInt8(value)
          let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64($1.offset * 8) }
          let expected = bytes.map(PackedWord.normalized).enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << UInt64($1.offset * 8)
          }
          #expect(PackedWord.normalizedWord(word) == expected)
        }
      }
    }
  }

  @Test(
    "a written word of 0 to 24 bytes packs as its bytes, eight to a word little-end first, zeros above; no more is read",
    arguments: 0...25)
  func writtenWords(count: Int) {
    // Exactly `count` bytes allocated: a load past them would read another allocation's bytes.
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
    defer { bytes.deallocate() }
    var generator = SplitMix64(seed: UInt64(20_261_203 + count))
    for _ in 0..<64 {
      var words: [UInt64] = [0, 0, 0]
      for index in 0..<count {
        // Any byte but zero, so a byte packed in the wrong place or shifted out cannot pass for the zeros above.
        let byte = UInt8(truncatingIfNeeded: generator.next() % 255 + 1)
        bytes[index] = byte
        if index < 24 { words[index / 8] |= UInt64(byte) << UInt64(index % 8 * 8) }
      }
      let packed = PackedWord(written: UnsafeBufferPointer(start: bytes, count: count))
      if count > PackedWord.capacity {
        #expect(packed == nil)
        continue
      }
      #expect(packed?.first == words[0])
      #expect(packed?.second == words[1])
      #expect(packed?.third == words[2])
      #expect(packed?.count == count)
    }
  }

  @Test("a short load gives the bytes of its count and zeros above, reading no byte past them")
  func shortLoads() {
    for count in 0...8 {
      // Exactly `count` bytes allocated: a load past them would read another allocation's bytes.
      let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
      defer { bytes.deallocate() }
      var expected: UInt64 = 0
      for index in 0..<count {
        let byte = UInt8(0xA1 + index)
        bytes[index] = byte
        expected |= UInt64(byte) << UInt64(index * 8)
      }
      #expect(PackedWord.load(bytes, count: count) == expected)
    }
  }
}
