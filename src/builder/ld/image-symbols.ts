// The symbols the image keeps in .symtab and the link map lists: every
// global symbol and every named local function, object or label, so faults
// can be symbolised.
import { SHF_ALLOC, SHN_ABS, SHN_UNDEF, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FUNC, STT_NOTYPE, STT_OBJECT } from "../elf/constants";
import { type InputFile, type LinkContext, compareFiles, placedAddress } from "./context";

export interface OutputSymbol {
  name: string;
  address: number;
  size: number;
  binding: number;
  type: number;
  /** Section header index in the image, SHN_ABS, or SHN_UNDEF for an undefined weak symbol. */
  sectionIndex: number;
  /** Defining object as the link map names it; `<linker>` for linker-defined symbols. */
  object: string;
  /** The defining object's component; `linker` for linker-defined symbols. */
  component: string;
}

export const LINKER_OBJECT = "<linker>";
export const LINKER_COMPONENT = "linker";

/** Lists the image's symbols: locals first in file order, then globals in resolution order. */
export function collectOutputSymbols(ctx: LinkContext): OutputSymbol[] {
  const locals: OutputSymbol[] = [];
  for (const file of [...ctx.files].sort(compareFiles)) collectLocals(file, locals);
  return [...locals, ...collectGlobals(ctx)];
}

function collectLocals(file: InputFile, into: OutputSymbol[]): void {
  for (const symbol of file.elf.symbols) {
    if (symbol.binding !== STB_LOCAL || symbol.name === "" || symbol.name.startsWith(".L")) continue;
    if (symbol.type !== STT_FUNC && symbol.type !== STT_OBJECT && symbol.type !== STT_NOTYPE) continue;
    if (symbol.sectionIndex === SHN_ABS) {
      into.push({ ...pick(symbol), address: symbol.value, sectionIndex: SHN_ABS, object: file.displayName, component: file.component });
      continue;
    }
    const placement = file.placements[symbol.sectionIndex];
    if (placement === undefined || (placement.output.flags & SHF_ALLOC) === 0) continue;
    into.push({
      ...pick(symbol),
      address: placedAddress(file, symbol.sectionIndex, symbol.value)!,
      sectionIndex: placement.output.headerIndex,
      object: file.displayName,
      component: file.component,
    });
  }
}

function pick(symbol: { name: string; size: number; binding: number; type: number }) {
  return { name: symbol.name, size: symbol.size, binding: symbol.binding, type: symbol.type };
}

function collectGlobals(ctx: LinkContext): OutputSymbol[] {
  const bss = ctx.outputs.find((o) => o.name === ".bss");
  const globals: OutputSymbol[] = [];
  for (const symbol of ctx.symbols.values()) {
    if (symbol.collected) continue;
    switch (symbol.state) {
      case "undefined":
        // An undefined weak symbol resolves to 0 and, as GNU ld does in a static executable, stays out of .symtab.
        break;
      case "linker":
        globals.push({ name: symbol.name, address: symbol.address, size: 0, binding: STB_GLOBAL, type: STT_NOTYPE, sectionIndex: SHN_ABS, object: LINKER_OBJECT, component: LINKER_COMPONENT });
        break;
      case "common":
        globals.push({
          name: symbol.name,
          address: symbol.address,
          size: symbol.commonSize,
          binding: STB_GLOBAL,
          type: STT_OBJECT,
          sectionIndex: bss!.headerIndex,
          object: symbol.definedBy!.displayName,
          component: symbol.definedBy!.component,
        });
        break;
      case "strong":
      case "weak": {
        const file = symbol.definedBy!;
        const elfSymbol = file.elf.symbols[symbol.symbolIndex]!;
        const placement = file.placements[elfSymbol.sectionIndex];
        globals.push({
          name: symbol.name,
          address: symbol.address,
          size: elfSymbol.size,
          binding: symbol.state === "weak" ? STB_WEAK : STB_GLOBAL,
          type: elfSymbol.type,
          sectionIndex: placement ? placement.output.headerIndex : SHN_ABS,
          object: file.displayName,
          component: file.component,
        });
        break;
      }
    }
  }
  return globals;
}
