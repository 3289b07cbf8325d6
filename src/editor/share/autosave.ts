// Autosave of the workspace to localStorage. Each browser tab writes its own
// slot, keyed by an id kept in sessionStorage (so a reload finds the same
// slot), and a pointer names the slot saved last. Two tabs therefore never
// overwrite each other, and a new tab starts from the latest work.
import { checkWorkspace, WorkspaceError, type Workspace } from "../workspace";

const SLOT_PREFIX = "ukp.workspace.v1.";
const LATEST_KEY = "ukp.workspace.latest";
const TAB_ID_KEY = "ukp.tab";
/** The single-file autosave of earlier page versions, read once as an upgrade. */
export const LEGACY_SOURCE_KEY = "ukp.playground.v1.source";
/** Slots kept for other tabs; older ones are removed on save. */
const MAX_SLOTS = 8;

/** The part of the Web Storage API the autosave uses. */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface SavedSlot {
  workspace: Workspace;
  savedAt: number;
}

export type RestoreSource = "tab" | "latest" | "legacy";

export interface Restored {
  workspace: Workspace;
  source: RestoreSource;
}

function randomTabId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class Autosave {
  readonly tabId: string;
  /** Set when a stored slot could not be read, for the page to mention once. */
  lastReadError: string | undefined;
  private pruned = false;

  constructor(
    private readonly storage: StorageLike,
    session: StorageLike | undefined,
    private readonly now: () => number = Date.now,
  ) {
    let id: string | null = null;
    try {
      id = session?.getItem(TAB_ID_KEY) ?? null;
    } catch {
      id = null;
    }
    if (id === null || !/^[0-9a-f]{16}$/.test(id)) {
      id = randomTabId();
      try {
        session?.setItem(TAB_ID_KEY, id);
      } catch {
        // Without sessionStorage a reload gets a new slot and restores from the latest pointer instead.
      }
    }
    this.tabId = id;
  }

  /** The storage key of this tab's slot; a `storage` event on another slot key means another tab saved. */
  get slotKey(): string {
    return SLOT_PREFIX + this.tabId;
  }

  static isSlotKey(key: string | null): boolean {
    return key !== null && key.startsWith(SLOT_PREFIX);
  }

  /**
   * Returns this tab's saved workspace, else the one saved last by any tab,
   * else the single-file autosave of an earlier page version.
   */
  restore(legacyFileName: string): Restored | undefined {
    const own = this.readSlot(this.slotKey);
    if (own) return { workspace: own.workspace, source: "tab" };
    const latestTab = this.get(LATEST_KEY);
    if (latestTab !== null) {
      const latest = this.readSlot(SLOT_PREFIX + latestTab);
      if (latest) return { workspace: latest.workspace, source: "latest" };
    }
    const legacy = this.get(LEGACY_SOURCE_KEY);
    if (legacy !== null) {
      try {
        const workspace = checkWorkspace({ files: { [legacyFileName]: legacy }, active: legacyFileName });
        return { workspace, source: "legacy" };
      } catch (error) {
        this.lastReadError = error instanceof Error ? error.message : String(error);
      }
    }
    return undefined;
  }

  /** Saves `workspace` to this tab's slot. Returns false when storage refused it (full or disabled). */
  save(workspace: Workspace): boolean {
    const slot: SavedSlot = { workspace, savedAt: this.now() };
    try {
      this.storage.setItem(this.slotKey, JSON.stringify(slot));
      this.storage.setItem(LATEST_KEY, this.tabId);
    } catch {
      return false;
    }
    // Pruning parses every slot, so it runs once per page load, not on every edit.
    if (!this.pruned) {
      this.pruned = true;
      this.pruneSlots();
    }
    return true;
  }

  private readSlot(key: string): SavedSlot | undefined {
    const text = this.get(key);
    if (text === null) return undefined;
    try {
      const value = JSON.parse(text) as { workspace?: unknown; savedAt?: unknown };
      const savedAt = typeof value.savedAt === "number" ? value.savedAt : 0;
      return { workspace: checkWorkspace(value.workspace), savedAt };
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof WorkspaceError)) throw error;
      this.lastReadError = `${key}: ${error.message}`;
      return undefined;
    }
  }

  private get(key: string): string | null {
    try {
      return this.storage.getItem(key);
    } catch {
      return null;
    }
  }

  /** Removes the oldest slots of other tabs beyond MAX_SLOTS. */
  private pruneSlots(): void {
    const slots: { key: string; savedAt: number }[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key === null || !key.startsWith(SLOT_PREFIX) || key === this.slotKey) continue;
      let savedAt = 0;
      try {
        const value = JSON.parse(this.get(key) ?? "{}") as { savedAt?: unknown };
        if (typeof value.savedAt === "number") savedAt = value.savedAt;
      } catch {
        savedAt = 0;
      }
      slots.push({ key, savedAt });
    }
    slots.sort((a, b) => b.savedAt - a.savedAt);
    for (const slot of slots.slice(MAX_SLOTS - 1)) this.storage.removeItem(slot.key);
  }
}
