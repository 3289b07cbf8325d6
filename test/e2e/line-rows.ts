// A small independent decoder of DWARF version 2 to 4 `.debug_line`
// programs for tests: it runs the line-number state machine and returns
// every row, so two tables can be compared row by row.

export interface LineRow {
  address: number;
  file: string;
  line: number;
  column: number;
  isStmt: boolean;
  endSequence: boolean;
  discriminator: number;
}

/** Returns the bytes of the named section of an ELF32 file (empty when it has none). */
export function sectionBytes(elf: Uint8Array, name: string): Uint8Array {
  const view = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const shoff = view.getUint32(32, true);
  const shnum = view.getUint16(48, true);
  const shstrndx = view.getUint16(50, true);
  const header = (i: number) => ({
    name: view.getUint32(shoff + i * 40, true),
    offset: view.getUint32(shoff + i * 40 + 16, true),
    size: view.getUint32(shoff + i * 40 + 20, true),
  });
  const names = header(shstrndx);
  for (let i = 0; i < shnum; i++) {
    const h = header(i);
    let end = names.offset + h.name;
    while (elf[end] !== 0) end++;
    const sectionName = new TextDecoder().decode(elf.subarray(names.offset + h.name, end));
    if (sectionName === name) return elf.subarray(h.offset, h.offset + h.size);
  }
  return new Uint8Array();
}

export function decodeLineRows(bytes: Uint8Array): LineRow[] {
  const rows: LineRow[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let unit = 0;
  while (unit < bytes.length) {
    const length = view.getUint32(unit, true);
    const end = unit + 4 + length;
    const version = view.getUint16(unit + 4, true);
    if (version < 2 || version > 4) throw new Error(`unsupported .debug_line version ${version}`);
    let at = unit + 6;
    const headerLength = view.getUint32(at, true);
    at += 4;
    const programStart = at + headerLength;
    const minimumLength = bytes[at++]!;
    if (version >= 4) at++;
    const defaultIsStmt = bytes[at++]! !== 0;
    const lineBase = view.getInt8(at++);
    const lineRange = bytes[at++]!;
    const opcodeBase = bytes[at++]!;
    const opcodeLengths = [0, ...bytes.subarray(at, at + opcodeBase - 1)];
    at += opcodeBase - 1;

    const readString = (): string => {
      let stop = at;
      while (bytes[stop] !== 0) stop++;
      const text = new TextDecoder().decode(bytes.subarray(at, stop));
      at = stop + 1;
      return text;
    };
    const readUleb = (): number => {
      let value = 0;
      let scale = 1;
      for (;;) {
        const byte = bytes[at++]!;
        value += (byte & 0x7f) * scale;
        scale *= 128;
        if ((byte & 0x80) === 0) return value;
      }
    };
    const readSleb = (): number => {
      let value = 0;
      let scale = 1;
      for (;;) {
        const byte = bytes[at++]!;
        value += (byte & 0x7f) * scale;
        scale *= 128;
        if ((byte & 0x80) === 0) return byte & 0x40 ? value - scale : value;
      }
    };

    const directories = [""];
    for (let d = readString(); d !== ""; d = readString()) directories.push(d);
    const files = [""];
    for (let f = readString(); f !== ""; f = readString()) {
      const directory = readUleb();
      readUleb();
      readUleb();
      files.push(directory === 0 ? f : `${directories[directory]}/${f}`);
    }
    at = programStart;

    const fresh = () => ({ address: 0, file: 1, line: 1, column: 0, isStmt: defaultIsStmt, discriminator: 0 });
    let state = fresh();
    const emit = (endSequence: boolean) => {
      rows.push({ ...state, file: files[state.file] ?? `#${state.file}`, endSequence });
      state.discriminator = 0;
    };
    while (at < end) {
      const opcode = bytes[at++]!;
      if (opcode >= opcodeBase) {
        const adjusted = opcode - opcodeBase;
        state.address += Math.floor(adjusted / lineRange) * minimumLength;
        state.line += lineBase + (adjusted % lineRange);
        emit(false);
        continue;
      }
      switch (opcode) {
        case 0: {
          const size = readUleb();
          const next = at + size;
          const extended = bytes[at++]!;
          if (extended === 1) {
            emit(true);
            state = fresh();
          } else if (extended === 2) {
            state.address = view.getUint32(at, true);
          } else if (extended === 4) {
            state.discriminator = readUleb();
          }
          at = next;
          break;
        }
        case 1:
          emit(false);
          break;
        case 2:
          state.address += readUleb() * minimumLength;
          break;
        case 3:
          state.line += readSleb();
          break;
        case 4:
          state.file = readUleb();
          break;
        case 5:
          state.column = readUleb();
          break;
        case 6:
          state.isStmt = !state.isStmt;
          break;
        case 8:
          state.address += Math.floor((255 - opcodeBase) / lineRange) * minimumLength;
          break;
        case 9:
          state.address += view.getUint16(at, true);
          at += 2;
          break;
        default:
          for (let i = 0; i < (opcodeLengths[opcode] ?? 0); i++) readUleb();
      }
    }
    unit = end;
  }
  return rows;
}
