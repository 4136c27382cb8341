import DXAPlatform

/// Finds where records start without splitting them into fields: `memchr` jumps from quote to quote and to line
/// ends, so finding where a buffer's whole records end costs a fraction of reading it. Follows the rules of
/// ``CSVWindow`` exactly, so every boundary it finds is one ``CSVWindow/splitRecord(from:to:into:)`` ends at.
///
/// Searches are cached: scanning forward through a buffer is O(buffer) however many boundaries are asked for.
package struct RecordBoundaries {
  package let window: CSVWindow
  private var quotes: ByteFinder
  private var newlines: ByteFinder
  private var carriageReturns: ByteFinder

  package init(_ window: CSVWindow) {
    self.window = window
    quotes = ByteFinder(CSVByte.quote)
    newlines = ByteFinder(CSVByte.newline)
    carriageReturns = ByteFinder(CSVByte.carriageReturn)
  }

  package enum Boundary: Equatable {
    /// A record starts here.
    case recordStart(Int)
    /// Undecided until more input is read; everything before `position` is decided, outside any quoted field, and
    /// a scan may go on from there (with `isFieldStart` saying whether a field begins at it).
    case undecided(at: Int, isFieldStart: Bool)
    /// The input ends before another record starts.
    case endOfInput
  }

  /// The first record start after `target`, scanning from `start`: a position outside any quoted field where a
  /// field begins (a record start when `isFieldStart` is true for it).
  package mutating func recordStart(after target: Int, from start: Int, isFieldStart: Bool = true) -> Boundary {
    let base = window.base
    let count = window.count
    var position = start
    while true {
      let quote = quotes.next(in: window, from: position)
      let lineSearchEnd = quote ?? count
      let lineSearchStart = max(position, target)
      if lineSearchStart < lineSearchEnd, let lineEnd = nextLineEnd(from: lineSearchStart, before: lineSearchEnd) {
        guard base[lineEnd] == CSVByte.carriageReturn else { return .recordStart(lineEnd + 1) }
        if lineEnd + 1 < count { return .recordStart(base[lineEnd + 1] == CSVByte.newline ? lineEnd + 2 : lineEnd + 1) }
        return window.isEndOfInput ? .recordStart(lineEnd + 1) : .undecided(at: lineEnd, isFieldStart: true)
      }
      guard let quote else {
        if window.isEndOfInput { return .endOfInput }
        let atFieldStart = count == start ? isFieldStart : CSVByte.isSeparator(base[count - 1])
        return .undecided(at: count, isFieldStart: atFieldStart)
      }
      let quoteIsFieldStart = quote == start ? isFieldStart : CSVByte.isSeparator(base[quote - 1])
      guard quoteIsFieldStart else {
        position = quote + 1
        continue
      }
      switch window.decideQuote(openingAt: quote) {
      case .closes(let close, _): position = close + 1
      case .isLiteral: position = quote + 1
      case .undecided: return .undecided(at: quote, isFieldStart: true)
      }
    }
  }

  /// The first LF or CR in `from..<end`.
  private mutating func nextLineEnd(from: Int, before end: Int) -> Int? {
    guard let newline = newlines.next(in: window, from: from), newline < end else {
      return carriageReturns.next(in: window, from: from).flatMap { $0 < end ? $0 : nil }
    }
    // A CR can only come first if it is before the LF: search no further.
    if let carriageReturn = Bytes.firstIndex(of: CSVByte.carriageReturn, in: window.base, from: from, to: newline) {
      return carriageReturn
    }
    return newline
  }
}

/// The next position of one byte at or after a position, remembered so that a forward scan searches each byte of
/// the buffer once.
private struct ByteFinder {
  let byte: UInt8
  /// The last search: from where, and what it found (nil: no such byte from there to the end).
  private var searchedFrom = Int.max
  private var found: Int?

  init(_ byte: UInt8) { self.byte = byte }

  mutating func next(in window: CSVWindow, from position: Int) -> Int? {
    if position >= searchedFrom {
      guard let found else { return nil }
      if found >= position { return found }
    }
    searchedFrom = position
    found = Bytes.firstIndex(of: byte, in: window.base, from: position, to: window.count)
    return found
  }
}
