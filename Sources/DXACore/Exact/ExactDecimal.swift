/// A decimal number held exactly as an integer significand and a count of decimal places.
///
/// BMD values and reference means are short decimals such as `0.858`. Binary floating point cannot hold most of
/// them, and a T-score that sits exactly on −1.0 or −2.5 can land on the wrong side of the line. Keeping the digits
/// as integers makes every score exact.
///
///     ExactDecimal("0.858")   // significand 858, scale 3
public struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
  /// The digits, with the sign.
  public let significand: Int64
  /// How many of the digits stand after the decimal point.
  public let scale: Int

  /// The most digits after the point that a value may have: 18 significant digits after up to 6 leading zeros.
  ///
  /// Every binary64 value printed shortest-round-trip has at most 17 significant digits, and the programs that
  /// write them without an exponent (Python and pandas from 1e-4, JavaScript from 1e-7) put at most 6 zeros before
  /// them, so 24 decimals read every such value exactly (`0.7323903191755298`, `0.00012345678901234567`). The bound
  /// keeps 10^scale inside 128-bit integers (10^38) with room for the few places that scoring multiplies in; a
  /// result that still does not fit is an ``ArithmeticOverflow`` error, never a trap.
  public static let maximumScale = 24
  /// The most significant digits that a value may have (leading zeros do not count; the significand is 64-bit).
  public static let maximumDigits = 18

  public init(significand: Int64, scale: Int) {
    precondition((0...Self.maximumScale).contains(scale), "scale out of range")
    self.significand = significand
    self.scale = scale
  }

  /// Reads a plain decimal: an optional sign, digits, an optional point and more digits (`-0.85`, `.85`, `12`).
  /// Exponents, thousands separators, `nan` and `inf` are refused, and so is anything with more than 18
  /// significant digits or more than 24 digits after the point (zeros after the last non-zero decimal that do not
  /// fit are dropped: the value stays exact). ``parse(_:field:)`` says which rule a text breaks.
  public init?<S: StringProtocol>(_ text: S) {
    let value: ExactDecimal?
    if let contiguous = text.utf8.withContiguousStorageIfAvailable(Self.scanned) {
      value = contiguous
    } else {
      var copy = String(text)
      value = copy.withUTF8(Self.scanned)
    }
    guard let value else { return nil }
    self = value
  }

  /// The decimal scanner every reader shares: the exam and map readers through ``init(_:)``, the batch hot path on
  /// the bytes of a field. Nil unless the bytes are a plain decimal within ``maximumDigits`` and ``maximumScale``.
  ///
  /// - Complexity: O(n), one pass, no allocation.
  @inlinable
  public static func scanned(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
    var index = 0
    var isNegative = false
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      isNegative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    if bytes.count <= maximumDigits {
      // At most 18 digits, so every rule below holds by itself: the value is the digits read as one integer (zeros
      // after the point kept), the scale the number of digits after the point. The common case, in two tight loops:
      // the digits before the point, then those after it.
      var digits: Int64 = 0
      let integerStart = index
      while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
        digits = digits &* 10 &+ Int64(digit)
        index += 1
      }
      var digitCount = index - integerStart
      var scale = 0
      if index < bytes.count {
        guard bytes[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        let fractionStart = index
        while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
          digits = digits &* 10 &+ Int64(digit)
          index += 1
        }
        guard index == bytes.count else { return nil }
        scale = index - fractionStart
        digitCount += scale
      }
      guard digitCount > 0 else { return nil }
      return ExactDecimal(significand: isNegative ? -digits : digits, scale: scale)
    }
    var digits: Int64 = 0
    var digitCount = 0
    var scale = 0
    // Zeros after the point that follow a significant digit: applied when a non-zero digit follows, and at the
    // end only as far as they fit (`0.8500000000000000000000` is 0.85 exactly).
    var pendingZeros = 0
    var seenPoint = false
    var seenDigit = false
    while index < bytes.count {
      let byte = bytes[index]
      let digit = byte &- UInt8(ascii: "0")
      if digit < 10 {
        seenDigit = true
        if seenPoint {
          if digit == 0 && digits != 0 {
            pendingZeros += 1
          } else {
            if digits != 0 || digit != 0 {
              digitCount += pendingZeros + 1
              if digitCount > maximumDigits { return nil }
              for _ in 0..<pendingZeros { digits &*= 10 }
              digits = digits &* 10 &+ Int64(digit)
            }
            scale += pendingZeros + 1
            pendingZeros = 0
            if scale > maximumScale { return nil }
          }
        } else {
          if digits != 0 || digit != 0 {
            digitCount += 1
            if digitCount > maximumDigits { return nil }
          }
          digits = digits &* 10 &+ Int64(digit)
        }
      } else if byte == UInt8(ascii: "."), !seenPoint {
        seenPoint = true
      } else {
        return nil
      }
      index += 1
    }
    guard seenDigit else { return nil }
    while pendingZeros > 0, digitCount < maximumDigits, scale < maximumScale {
      digits &*= 10
      digitCount += 1
      scale += 1
      pendingZeros -= 1
    }
    return ExactDecimal(significand: isNegative ? -digits : digits, scale: scale)
  }

  /// The value exactly as written, with its scale kept (`0.120` stays `0.120`).
  public var description: String {
    // Written backwards into a small buffer, a digit at a time: joining strings cost two thousand instructions a
    // value, and a batch note quotes ages of fifteen decimals. At most a sign, 25 digits and the point (the scale
    // is at most 24).
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
      var rest = significand.magnitude
      var position = buffer.count
      var digitCount = 0
      // Every decimal, and at least one digit before the point.
      while rest > 0 || digitCount <= scale {
        if scale > 0, digitCount == scale {
          position -= 1
          buffer[position] = UInt8(ascii: ".")
        }
        position -= 1
        buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
        digitCount += 1
      }
      if significand < 0 {
        position -= 1
        buffer[position] = UInt8(ascii: "-")
      }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
    }
  }

  /// The nearest binary floating-point value, for display and for the LMS power law only.
  public var doubleValue: Double { Double(significand) / pow10Double(scale) }

  public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
    if let (left, right) = commonScaleSignificands(lhs, rhs) { return left == right }
    return Fraction(lhs) == Fraction(rhs)
  }

  /// Both significands over the larger of the two scales, when that fits in 64 bits (always for equal scales):
  /// then they compare exactly as the values do, without building fractions (a 128-bit division each). Nil when a
  /// widened significand would overflow; the caller compares fractions then.
  @inline(__always)
  static func commonScaleSignificands(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> (Int64, Int64)? {
    if lhs.scale == rhs.scale { return (lhs.significand, rhs.significand) }
    if lhs.scale < rhs.scale {
      guard let left = widened(lhs.significand, by: rhs.scale - lhs.scale) else { return nil }
      return (left, rhs.significand)
    }
    guard let right = widened(rhs.significand, by: lhs.scale - rhs.scale) else { return nil }
    return (lhs.significand, right)
  }

  /// `significand × 10^places`, or nil when it does not fit in 64 bits.
  @inline(__always)
  private static func widened(_ significand: Int64, by places: Int) -> Int64? {
    var value = significand
    for _ in 0..<places {
      let (product, overflow) = value.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      value = product
    }
    return value
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(Fraction(self))
  }
}

extension ExactDecimal {
  /// The value as an integer when it has no fractional part (`24`, `24.00`), else nil.
  public var wholeNumber: Int64? {
    let divisor = pow10(scale)
    guard Int128(significand) % divisor == 0 else { return nil }
    return Int64(Int128(significand) / divisor)
  }

  /// The whole part, truncated toward zero: completed years for text (68.6461 → 68).
  public var truncatedToWhole: Int64 { Int64(Int128(significand) / pow10(scale)) }

  /// |value|, with the scale kept.
  public var magnitude: ExactDecimal { ExactDecimal(significand: abs(significand), scale: scale) }

  /// `self − other` exactly, with the larger of the two scales (recomputed − device score: −2.6 − (−2.55) is
  /// −0.05); nil when the exact difference has more than 18 significant digits.
  public func subtracting(_ other: ExactDecimal) -> ExactDecimal? { combined(with: other, sign: -1) }

  /// `self + other` exactly, with the larger of the two scales; nil when the sum has more than 18 significant
  /// digits.
  public func adding(_ other: ExactDecimal) -> ExactDecimal? { combined(with: other, sign: 1) }

  private func combined(with other: ExactDecimal, sign: Int128) -> ExactDecimal? {
    let scale = max(self.scale, other.scale)
    func widened(_ value: ExactDecimal) -> Int128? {
      let (product, overflow) = Int128(value.significand).multipliedReportingOverflow(by: pow10(scale - value.scale))
      return overflow ? nil : product
    }
    guard let left = widened(self), let right = widened(other) else { return nil }
    let (result, overflow) = left.addingReportingOverflow(sign * right)
    guard !overflow, let significand = Int64(exactly: result), significand.magnitude < 1_000_000_000_000_000_000
    else { return nil }
    return ExactDecimal(significand: significand, scale: scale)
  }
}

extension ExactDecimal: Comparable {
  public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
    if let (left, right) = commonScaleSignificands(lhs, rhs) { return left < right }
    return Fraction(lhs) < Fraction(rhs)
  }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int64) {
    self.init(significand: value, scale: 0)
  }
}

package func pow10Double(_ exponent: Int) -> Double {
  var result = 1.0
  for _ in 0..<exponent { result *= 10 }
  return result
}

/// 10^exponent for 0 ≤ exponent ≤ 38 (the largest power of ten in 128 bits). Every caller passes a scale of at
/// most ``ExactDecimal/maximumScale`` plus a few places, far inside the bound; beyond it is a programming error.
package func pow10(_ exponent: Int) -> Int128 {
  precondition((0...38).contains(exponent), "10^\(exponent) does not fit in 128 bits")
  return powersOfTen[exponent]
}

private let powersOfTen: [Int128] = (0...38).map { exponent in
  var result: Int128 = 1
  for _ in 0..<exponent { result *= 10 }
  return result
}
