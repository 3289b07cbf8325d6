// Typed arrays that the passes reuse from one call to the next. V8 (Node 20)
// gives a typed array of more than 64 bytes its own backing store outside the
// JavaScript heap. In a Node 20 microbenchmark with 100 to 5,000 elements, a
// new array took 0.8 to 1.8 µs and a filled view of an existing buffer 0.1 to
// 0.2 µs, and the passes ask for thousands of arrays per file.
//
// Each use names its own slot, so two arrays in use at the same time never
// share a buffer. A view stays valid until its slot is taken again, which
// happens at the next call of the same pass. So a pass may hand its arrays to
// the passes that run before its next call, and to no others.

type Scratch = Int32Array | Uint8Array | Uint32Array;

/** A slot's buffer and the view of it handed out last, which serves again a request of the same length. */
interface Slot<T extends Scratch> {
  buffer: T;
  view: T;
}

const int32Slots = new Map<string, Slot<Int32Array>>();
const uint8Slots = new Map<string, Slot<Uint8Array>>();
const uint32Slots = new Map<string, Slot<Uint32Array>>();

const newInt32 = (n: number) => new Int32Array(n);
const newUint8 = (n: number) => new Uint8Array(n);
const newUint32 = (n: number) => new Uint32Array(n);

/**
 * Returns a view of `length` elements of slot `slot`'s buffer, unfilled.
 * The passes ask for a slot with the same length again and again within a
 * function (its register or block count), and reusing the view spares an
 * object per request.
 */
function view<T extends Scratch>(slots: Map<string, Slot<T>>, slot: string, length: number, make: (length: number) => T): T {
  let existing = slots.get(slot);
  if (existing === undefined || existing.buffer.length < length) {
    const buffer = make(Math.max(length, 2 * (existing?.buffer.length ?? 32)));
    existing = { buffer, view: buffer.subarray(0, length) as T };
    slots.set(slot, existing);
  } else if (existing.view.length !== length) {
    existing.view = existing.buffer.subarray(0, length) as T;
  }
  return existing.view;
}

/** Returns an Int32Array of `length` elements, each `fill`, from slot `slot`. */
export function scratchInt32(slot: string, length: number, fill = 0): Int32Array {
  return view(int32Slots, slot, length, newInt32).fill(fill);
}

/**
 * Returns an Int32Array of `length` elements from slot `slot`, not filled:
 * they hold whatever the slot's last user left. It suits an array whose
 * every element is written before it is read, or whose entries are only
 * counted up and compared with their own earlier values.
 */
export function reuseInt32(slot: string, length: number): Int32Array {
  return view(int32Slots, slot, length, newInt32);
}

/** Returns a Uint8Array of `length` zeros from slot `slot`. */
export function scratchUint8(slot: string, length: number): Uint8Array {
  return view(uint8Slots, slot, length, newUint8).fill(0);
}

/** Returns a Uint32Array of `length` zeros from slot `slot`. */
export function scratchUint32(slot: string, length: number): Uint32Array {
  return view(uint32Slots, slot, length, newUint32).fill(0);
}

const lists = new Map<string, unknown[]>();

/**
 * Returns a plain array whose first `length` entries are undefined, from
 * slot `slot`, for object references, which typed arrays cannot hold. The
 * array may be longer than `length`. It spares a pass a new array of the
 * function's register count per call.
 */
export function scratchList<T>(slot: string, length: number): (T | undefined)[] {
  let list = lists.get(slot);
  if (list === undefined) {
    list = [];
    lists.set(slot, list);
  }
  // Growing by push keeps the array's elements packed, which `list.length = n` would not.
  const filled = Math.min(list.length, length);
  while (list.length < length) list.push(undefined);
  list.fill(undefined, 0, filled);
  return list as (T | undefined)[];
}
