// Input loading and symbol resolution. Objects on the command line are always
// loaded; archive members are loaded only to define a symbol that some loaded
// object references with STB_GLOBAL binding. Members are looked up in one
// index built over all archives, so, as with ld's --start-group, the order of
// archives and members does not decide whether a member is found.
import type { BinaryInput } from "../types";
import { type Archive, isArchive, readArchive } from "../elf/archive";
import { type ElfObject, type ElfSymbol, isElf, readObject } from "../elf/read-object";
import {
  GRP_COMDAT,
  SHN_COMMON,
  SHN_UNDEF,
  STB_GLOBAL,
  STB_LOCAL,
  STB_WEAK,
} from "../elf/constants";
import { type GlobalSymbol, type InputFile, LINKER_SYMBOLS, LinkContext } from "./context";
import { sourceLineOf } from "./undefined";

export interface ParsedInputs {
  objects: { inputIndex: number; elf: ElfObject }[];
  archives: { inputIndex: number; archive: Archive; components?: Record<string, string> }[];
}

/** Splits the inputs into parsed objects and archives, reporting files that are neither. */
export function readInputs(ctx: LinkContext, inputs: BinaryInput[]): ParsedInputs {
  const parsed: ParsedInputs = { objects: [], archives: [] };
  inputs.forEach((input, inputIndex) => {
    if (isArchive(input.bytes)) {
      const result = cachedArchive(input.name, input.bytes);
      if (result.diagnostic) ctx.diagnostics.push(result.diagnostic);
      else parsed.archives.push({ inputIndex, archive: result.archive, components: input.components });
    } else if (isElf(input.bytes)) {
      const result = readObject(input.name, input.bytes);
      if (result.diagnostic) ctx.diagnostics.push(result.diagnostic);
      else parsed.objects.push({ inputIndex, elf: result.object });
    } else {
      ctx.error(input.name, "not an ELF object or archive");
    }
  });
  return parsed;
}

/**
 * Parsed archives and archive members, keyed by the identity of their bytes.
 * The page and the CLI link every build against the same library OS bytes,
 * so the archive and the members a link needs are parsed once per process.
 * This is safe because the linker never modifies a parsed object. Objects
 * given directly are parsed afresh, since a build's own objects are new.
 */
const archiveCache = new WeakMap<Uint8Array, ReturnType<typeof readArchive>>();
const memberCache = new WeakMap<Uint8Array, Map<string, ReturnType<typeof readObject>>>();

function cachedArchive(name: string, bytes: Uint8Array): ReturnType<typeof readArchive> {
  let result = archiveCache.get(bytes);
  if (result === undefined || (result.archive && result.archive.name !== name)) {
    result = readArchive(name, bytes);
    archiveCache.set(bytes, result);
  }
  return result;
}

/** Parses an archive member; members are subarrays of a cached archive, so their identity is stable too. */
function cachedObject(displayName: string, bytes: Uint8Array): ReturnType<typeof readObject> {
  let byName = memberCache.get(bytes);
  if (byName === undefined) memberCache.set(bytes, (byName = new Map()));
  let result = byName.get(displayName);
  if (result === undefined) byName.set(displayName, (result = readObject(displayName, bytes)));
  return result;
}

/** An archive member that defines some symbol, with its parsed form once read. */
interface LazyMember {
  archive: Archive;
  components?: Record<string, string>;
  inputIndex: number;
  memberIndex: number;
  elf?: ElfObject;
  loaded: boolean;
}

/** Loads the objects and the archive members they need, resolving every global symbol. */
export function resolveSymbols(ctx: LinkContext, inputs: ParsedInputs): void {
  const resolver = new Resolver(ctx);
  resolver.defineLinkerSymbols();
  resolver.addRoot(ctx.entryName);
  for (const { inputIndex, elf } of inputs.objects) resolver.load(elf, inputIndex, 0);
  const lazy = indexArchives(ctx, inputs.archives);
  resolver.pullArchiveMembers(lazy);
}

/** Maps each symbol that an archive member defines to that member, the first archive and member winning. */
function indexArchives(ctx: LinkContext, archives: ParsedInputs["archives"]): Map<string, LazyMember> {
  const lazy = new Map<string, LazyMember>();
  for (const { inputIndex, archive, components } of archives) {
    const members = archive.members.map((_, memberIndex): LazyMember => ({ archive, components, inputIndex, memberIndex, loaded: false }));
    if (archive.symbolIndex) {
      for (const [name, memberIndex] of archive.symbolIndex) {
        if (!lazy.has(name)) lazy.set(name, members[memberIndex]!);
      }
      continue;
    }
    // Without a `/` index, read every member's symbol table.
    members.forEach((member, memberIndex) => {
      const raw = archive.members[memberIndex]!;
      const result = cachedObject(`${archive.name}(${raw.name})`, raw.bytes);
      if (result.diagnostic) {
        ctx.diagnostics.push(result.diagnostic);
        return;
      }
      member.elf = result.object;
      for (const symbol of result.object.symbols) {
        if (symbol.binding !== STB_LOCAL && symbol.sectionIndex !== SHN_UNDEF && !lazy.has(symbol.name)) {
          lazy.set(symbol.name, member);
        }
      }
    });
  }
  return lazy;
}

/** The origin of an archive member: archive and member names, and the archive's member-to-component map. */
interface MemberOrigin {
  archive: string;
  member: string;
  components?: Record<string, string>;
}

/** Names the object that defines symbol `index`, with the definition's source line when the object has a line table. */
function describeDefinition(file: InputFile, index: number): string {
  const symbol = file.elf.symbols[index]!;
  const line = sourceLineOf(file, symbol.sectionIndex, symbol.value);
  return line ? `${file.displayName} (${line})` : file.displayName;
}

/** The component of objects given on the command line (the app's own code). */
export const APP_COMPONENT = "app";

class Resolver {
  private readonly ctx: LinkContext;
  /** Names whose first STB_GLOBAL reference was seen; archive lookup processes them in order. */
  private readonly pending: string[] = [];
  private readonly comdatSignatures = new Set<string>();
  private readonly reserved = new Set<string>(LINKER_SYMBOLS);

  constructor(ctx: LinkContext) {
    this.ctx = ctx;
  }

  defineLinkerSymbols(): void {
    for (const name of LINKER_SYMBOLS) this.ctx.symbol(name).state = "linker";
  }

  addRoot(name: string): void {
    this.reference(this.ctx.symbol(name), true);
  }

  load(elf: ElfObject, inputIndex: number, memberIndex: number, origin?: MemberOrigin): InputFile {
    const file: InputFile = {
      elf,
      displayName: origin ? `${origin.archive}(${origin.member})` : elf.name,
      archive: origin?.archive,
      member: origin?.member,
      component: origin ? (origin.components?.[origin.member] ?? origin.archive) : APP_COMPONENT,
      inputIndex,
      memberIndex,
      discarded: this.discardDuplicateGroups(elf),
      collected: new Set(),
      placements: [],
      globals: [],
    };
    this.ctx.files.push(file);
    elf.symbols.forEach((symbol, index) => {
      if (index === 0 || symbol.binding === STB_LOCAL) return;
      const global = this.ctx.symbol(symbol.name);
      file.globals[index] = global;
      const definedHere = symbol.sectionIndex !== SHN_UNDEF && !file.discarded.has(symbol.sectionIndex);
      if (definedHere) this.define(global, file, index, symbol);
      else this.reference(global, symbol.binding === STB_GLOBAL, file);
    });
    return file;
  }

  /** Loads archive members for pending undefined symbols until no member defines any of them. */
  pullArchiveMembers(lazy: Map<string, LazyMember>): void {
    while (this.pending.length > 0) {
      const name = this.pending.shift()!;
      const symbol = this.ctx.symbols.get(name);
      const member = lazy.get(name);
      if (symbol === undefined || symbol.state !== "undefined" || member === undefined || member.loaded) continue;
      member.loaded = true;
      const raw = member.archive.members[member.memberIndex]!;
      const displayName = `${member.archive.name}(${raw.name})`;
      if (member.elf === undefined) {
        const result = cachedObject(displayName, raw.bytes);
        if (result.diagnostic) {
          this.ctx.diagnostics.push(result.diagnostic);
          continue;
        }
        member.elf = result.object;
      }
      const file = this.load(member.elf, member.inputIndex, member.memberIndex, {
        archive: member.archive.name,
        member: raw.name,
        components: member.components,
      });
      file.loadedFor = symbol;
    }
  }

  private reference(symbol: GlobalSymbol, strong: boolean, file?: InputFile): void {
    if (!strong || symbol.strongReference) return;
    symbol.strongReference = true;
    symbol.referencedBy = file;
    if (symbol.state === "undefined") this.pending.push(symbol.name);
  }

  /** Applies the resolution rules: strong beats weak and common, commons merge, two strong definitions clash. */
  private define(symbol: GlobalSymbol, file: InputFile, index: number, elfSymbol: ElfSymbol): void {
    if (this.reserved.has(symbol.name)) {
      this.ctx.error(
        file.displayName,
        `\`${symbol.name}\` is reserved for the linker, which defines it after layout; rename the symbol in ${file.displayName}`,
      );
      return;
    }
    if (elfSymbol.sectionIndex === SHN_COMMON) {
      this.defineCommon(symbol, file, index, elfSymbol);
      return;
    }
    const state = elfSymbol.binding === STB_WEAK ? "weak" : "strong";
    if (symbol.state === "strong" && state === "strong") {
      const first = symbol.definedBy ? describeDefinition(symbol.definedBy, symbol.symbolIndex) : "another input";
      const second = describeDefinition(file, index);
      this.ctx.error(file.displayName, `multiple definition of \`${symbol.name}\`: defined in ${first} and in ${second}`);
      return;
    }
    const replaces =
      symbol.state === "undefined" || (state === "strong" && (symbol.state === "weak" || symbol.state === "common"));
    if (!replaces) return;
    symbol.state = state;
    symbol.definedBy = file;
    symbol.symbolIndex = index;
    symbol.size = elfSymbol.size;
  }

  private defineCommon(symbol: GlobalSymbol, file: InputFile, index: number, elfSymbol: ElfSymbol): void {
    if (symbol.state === "strong") return;
    // For SHN_COMMON symbols st_value is the alignment.
    const alignment = Math.max(1, elfSymbol.value);
    if (symbol.state !== "common" || elfSymbol.size > symbol.commonSize) {
      symbol.definedBy = file;
      symbol.symbolIndex = index;
    }
    const wasCommon = symbol.state === "common";
    symbol.state = "common";
    symbol.commonSize = wasCommon ? Math.max(symbol.commonSize, elfSymbol.size) : elfSymbol.size;
    symbol.commonAlign = wasCommon ? Math.max(symbol.commonAlign, alignment) : alignment;
    symbol.size = symbol.commonSize;
  }

  /** Keeps the first copy of each COMDAT group (by signature) and returns the sections of later copies. */
  private discardDuplicateGroups(elf: ElfObject): Set<number> {
    const discarded = new Set<number>();
    for (const group of elf.groups) {
      if ((group.flags & GRP_COMDAT) === 0) continue;
      if (this.comdatSignatures.has(group.signature)) {
        for (const member of group.members) discarded.add(member);
      } else {
        this.comdatSignatures.add(group.signature);
      }
    }
    return discarded;
  }
}
