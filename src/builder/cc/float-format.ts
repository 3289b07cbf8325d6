// Bit patterns of floating values as the x87 and gcc -m32 store them.

/** Encodes `value` as the 12 bytes of a `long double`: the x87 80-bit format, then 2 bytes of zero padding. */
export function extendedPrecisionBytes(value: number): Uint8Array {
  const bytes = new Uint8Array(12);
  const view = new DataView(bytes.buffer);
  const doubleBits = new DataView(new ArrayBuffer(8));
  doubleBits.setFloat64(0, value, true);
  const bits = doubleBits.getBigUint64(0, true);
  const sign = Number(bits >> 63n);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let fraction = bits & ((1n << 52n) - 1n);

  let extendedExponent: number;
  let mantissa: bigint;
  if (exponent === 0x7ff) {
    // Infinity or NaN: the maximum exponent with the integer bit set.
    extendedExponent = 0x7fff;
    mantissa = (1n << 63n) | (fraction << 11n);
  } else if (exponent === 0) {
    if (fraction === 0n) {
      extendedExponent = 0;
      mantissa = 0n;
    } else {
      // A double subnormal is a normal extended value: shift the fraction until its top bit is the integer bit.
      let shift = 0;
      while ((fraction & (1n << 52n)) === 0n) {
        fraction <<= 1n;
        shift++;
      }
      extendedExponent = 1 - 1023 - shift + 16383;
      mantissa = fraction << 11n;
    }
  } else {
    extendedExponent = exponent - 1023 + 16383;
    mantissa = (1n << 63n) | (fraction << 11n);
  }
  view.setBigUint64(0, mantissa, true);
  view.setUint16(8, (sign << 15) | extendedExponent, true);
  return bytes;
}

/**
 * Converts a decimal floating constant's digits (`123.456e-7`, without a
 * suffix) to the 12 bytes of the nearest `long double`, rounding half to
 * even. Returns undefined outside the range of normal numbers.
 */
export function decimalToExtendedBytes(text: string): Uint8Array | undefined {
  const match = /^([0-9]*)\.?([0-9]*)(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!match) return undefined;
  const digits = BigInt((match[1] + match[2]) || "0");
  const decimalExponent = Number(match[3] ?? "0") - match[2].length;
  if (digits === 0n) return extendedPrecisionBytes(0);
  if (Math.abs(decimalExponent) > 5000) return undefined;

  // value = numerator / denominator exactly; scale so the quotient has at least 66 significant bits.
  let numerator = digits * (decimalExponent > 0 ? 10n ** BigInt(decimalExponent) : 1n);
  const denominator = decimalExponent < 0 ? 10n ** BigInt(-decimalExponent) : 1n;
  const scale = Math.max(0, 66 + bitLength(denominator) - bitLength(numerator));
  numerator <<= BigInt(scale);
  const quotient = numerator / denominator;
  const inexact = numerator % denominator !== 0n;

  const extra = bitLength(quotient) - 64;
  let mantissa = quotient >> BigInt(extra);
  const rest = quotient & ((1n << BigInt(extra)) - 1n);
  const half = 1n << BigInt(extra - 1);
  if (rest > half || (rest === half && (inexact || (mantissa & 1n) === 1n))) mantissa++;
  let exponent = bitLength(quotient) - 1 - scale;
  if (mantissa === 1n << 64n) {
    mantissa >>= 1n;
    exponent++;
  }
  const biased = exponent + 16383;
  if (biased <= 0 || biased >= 0x7fff) return undefined;

  const bytes = new Uint8Array(12);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, mantissa, true);
  view.setUint16(8, biased, true);
  return bytes;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Rounds `value` to float and returns its IEEE single-precision bits as an unsigned 32-bit number. */
export function singlePrecisionBits(value: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value, true);
  return view.getUint32(0, true);
}

/** Returns the IEEE double-precision bits of `value` as [low, high] unsigned 32-bit words. */
export function doublePrecisionWords(value: number): [number, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return [view.getUint32(0, true), view.getUint32(4, true)];
}
