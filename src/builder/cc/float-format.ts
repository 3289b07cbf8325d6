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
