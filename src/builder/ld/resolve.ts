// Input loading and symbol resolution. Objects on the command line are always
// loaded; archive members are loaded only to define a symbol that some loaded
// object references with STB_GLOBAL binding, in the order GNU ld loads them.
// Archives are revisited as with ld's --start-group, so the order of archives
// and members does not decide whether a member is found.
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

/** An archive member, with its parsed form once read. */
interface LazyMember {
  memberIndex: number;
  elf?: ElfObject;
  /** Set once the member failed to parse, so it is reported once. */
  invalid?: boolean;
  loaded: boolean;
}

/** An archive on the command line with its symbol index: each defined symbol and its member, in index order. */
interface LazyArchive {
  archive: Archive;
  components?: Record<string, string>;
  inputIndex: number;
  members: LazyMember[];
  symbolIndex: [string, number][];
}

/** Loads the objects and the archive members they need, resolving every global symbol. */
export function resolveSymbols(ctx: LinkContext, inputs: ParsedInputs): void {
  const resolver = new Resolver(ctx);
  resolver.defineLinkerSymbols();
  resolver.addRoot(ctx.entryName);
  for (const { inputIndex, elf } of inputs.objects) resolver.load(elf, inputIndex, 0);
  resolver.pullArchiveMembers(indexArchives(ctx, inputs.archives));
}

/** Lists each archive's defined symbols in index order; without a `/` index, in member and symbol table order, as `ar s` would write it. */
function indexArchives(ctx: LinkContext, archives: ParsedInputs["archives"]): LazyArchive[] {
  return archives.map(({ inputIndex, archive, components }) => {
    const members = archive.members.map((_, memberIndex): LazyMember => ({ memberIndex, loaded: false }));
    const lazy: LazyArchive = { archive, components, inputIndex, members, symbolIndex: [] };
    if (archive.symbolIndex) {
      lazy.symbolIndex = [...archive.symbolIndex];
      return lazy;
    }
    members.forEach((member, memberIndex) => {
      const raw = archive.members[memberIndex]!;
      const result = cachedObject(`${archive.name}(${raw.name})`, raw.bytes);
      if (result.diagnostic) {
        ctx.diagnostics.push(result.diagnostic);
        member.invalid = true;
        return;
      }
      member.elf = result.object;
      for (const symbol of result.object.symbols) {
        if (symbol.binding !== STB_LOCAL && symbol.sectionIndex !== SHN_UNDEF) lazy.symbolIndex.push([symbol.name, memberIndex]);
      }
    });
    return lazy;
  });
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

  /**
   * Loads archive members as GNU ld does: each archive's symbol index is
   * walked in order, loading the member of every symbol that is still
   * undefined and required, and walked again until a walk loads nothing.
   * Unlike ld, the archives are then revisited until none loads a member
   * (as within --start-group), so archive order never makes a link fail.
   */
  pullArchiveMembers(archives: LazyArchive[]): void {
    let loadOrder = 0;
    let loadedAny = true;
    while (loadedAny) {
      loadedAny = false;
      for (const lazy of archives) {
        let loadedInWalk = true;
        while (loadedInWalk) {
          loadedInWalk = false;
          for (const [name, memberIndex] of lazy.symbolIndex) {
            const member = lazy.members[memberIndex]!;
            const symbol = this.ctx.symbols.get(name);
            if (member.loaded || symbol === undefined || !this.memberIsNeeded(lazy, member, symbol)) continue;
            member.loaded = true;
            if (this.loadMember(lazy, member, symbol, ++loadOrder)) loadedInWalk = loadedAny = true;
          }
        }
      }
    }
  }

  /**
   * Decides whether a member that defines `symbol` must be loaded: when a
   * kept reference needs the symbol and nothing defines it yet, or, as ld
   * does, when the symbol is only COMMON and the member gives it a real
   * (initialised or .bss) global definition, which then replaces the COMMON.
   */
  private memberIsNeeded(lazy: LazyArchive, member: LazyMember, symbol: GlobalSymbol): boolean {
    if (symbol.state === "undefined") return symbol.strongReference;
    if (symbol.state !== "common") return false;
    const elf = member.elf ?? this.parseMember(lazy, member);
    return elf !== undefined && elf.symbols.some((s) => s.name === symbol.name && s.binding === STB_GLOBAL && s.sectionIndex !== SHN_UNDEF && s.sectionIndex !== SHN_COMMON);
  }

  /** Parses a member once, keeping the result; reports and returns undefined for a member that is not a valid object. */
  private parseMember(lazy: LazyArchive, member: LazyMember): ElfObject | undefined {
    if (member.elf !== undefined || member.invalid) return member.elf;
    const raw = lazy.archive.members[member.memberIndex]!;
    const result = cachedObject(`${lazy.archive.name}(${raw.name})`, raw.bytes);
    if (result.diagnostic) {
      this.ctx.diagnostics.push(result.diagnostic);
      member.invalid = true;
      return undefined;
    }
    member.elf = result.object;
    return member.elf;
  }

  /** Parses and loads one archive member; returns false after reporting a member that is not a valid object. */
  private loadMember(lazy: LazyArchive, member: LazyMember, symbol: GlobalSymbol, loadOrder: number): boolean {
    const elf = this.parseMember(lazy, member);
    if (elf === undefined) return false;
    const raw = lazy.archive.members[member.memberIndex]!;
    const file = this.load(elf, lazy.inputIndex, loadOrder, { archive: lazy.archive.name, member: raw.name, components: lazy.components });
    file.loadedFor = symbol;
    return true;
  }

  private reference(symbol: GlobalSymbol, strong: boolean, file?: InputFile): void {
    if (!strong || symbol.strongReference) return;
    symbol.strongReference = true;
    symbol.referencedBy = file;
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
