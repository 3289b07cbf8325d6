// The file tabs above the editor: one tab per workspace file, and New file,
// Rename and Delete acting on the open file. Names are checked with the
// workspace rules before the editor changes.
import type { CodeEditor } from "./code-editor";
import { translate, type MessageKey } from "./i18n";
import type { NoticeAction } from "./notice";
import { checkFileName, MAX_FILES, sortedFileNames } from "./workspace";

export interface FilesBarElements {
  tabs: HTMLElement;
  form: HTMLFormElement;
  nameInput: HTMLInputElement;
  cancel: HTMLButtonElement;
  add: HTMLButtonElement;
  rename: HTMLButtonElement;
  remove: HTMLButtonElement;
}

type Pending = { kind: "add" } | { kind: "rename"; from: string };

export class FilesBar {
  private pending: Pending | undefined;
  private readOnly = false;

  constructor(
    private readonly elements: FilesBarElements,
    private readonly editor: CodeEditor,
    private readonly report: (key: MessageKey, params?: Record<string, string | number>, action?: NoticeAction) => void,
  ) {
    elements.add.addEventListener("click", () => this.ask({ kind: "add" }, this.nextFreeName()));
    elements.rename.addEventListener("click", () => this.ask({ kind: "rename", from: editor.activeFile }, editor.activeFile));
    elements.remove.addEventListener("click", () => this.deleteActive());
    elements.cancel.addEventListener("click", () => this.closeForm());
    elements.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.confirm();
    });
    elements.nameInput.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.closeForm();
    });
    elements.tabs.addEventListener("keydown", (event) => this.moveFocus(event));
    editor.onChange(() => this.render());
    this.render();
  }

  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.render();
  }

  render(): void {
    const { tabs, add, rename, remove } = this.elements;
    const names = sortedFileNames(this.editor.files());
    const active = this.editor.activeFile;
    const existing = new Map([...tabs.querySelectorAll<HTMLButtonElement>("button[data-file]")].map((b) => [b.dataset.file!, b]));
    tabs.replaceChildren(
      ...names.map((name) => {
        const tab = existing.get(name) ?? this.createTab(name);
        const selected = name === active;
        tab.setAttribute("aria-selected", String(selected));
        tab.tabIndex = selected ? 0 : -1;
        return tab;
      }),
    );
    add.disabled = this.readOnly || names.length >= MAX_FILES;
    rename.disabled = this.readOnly;
    remove.disabled = this.readOnly || names.length <= 1;
  }

  private createTab(name: string): HTMLButtonElement {
    const tab = document.createElement("button");
    tab.type = "button";
    tab.role = "tab";
    tab.className = "file-tab";
    tab.dataset.file = name;
    tab.textContent = name;
    tab.addEventListener("click", () => this.editor.openFile(name));
    return tab;
  }

  /** Left and right arrows move between tabs, as the ARIA tabs pattern asks. */
  private moveFocus(event: KeyboardEvent): void {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const tabs = [...this.elements.tabs.querySelectorAll<HTMLButtonElement>("button[data-file]")];
    const index = tabs.findIndex((tab) => tab === document.activeElement);
    if (index < 0) return;
    const next = tabs[(index + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    next.click();
  }

  private nextFreeName(): string {
    const files = this.editor.files();
    for (let i = 1; ; i++) {
      const name = `file${i}.c`;
      if (!(name in files)) return name;
    }
  }

  private ask(pending: Pending, initial: string): void {
    if (this.readOnly) return;
    this.pending = pending;
    const { form, nameInput } = this.elements;
    nameInput.setAttribute("aria-label", translate(pending.kind === "add" ? "newFileName" : "renameFileName"));
    nameInput.value = initial;
    form.hidden = false;
    nameInput.focus();
    nameInput.select();
  }

  private closeForm(): void {
    this.pending = undefined;
    this.elements.form.hidden = true;
  }

  private confirm(): void {
    const pending = this.pending;
    if (!pending) return;
    const name = this.elements.nameInput.value.trim();
    const files = this.editor.files();
    const nameError = checkFileName(name);
    if (nameError) {
      this.report("badFileName", { message: nameError });
      return;
    }
    if (pending.kind === "rename" && name === pending.from) {
      this.closeForm();
      return;
    }
    if (name in files) {
      this.report("fileExists", { name });
      return;
    }
    this.closeForm();
    if (pending.kind === "add") {
      const text = name.endsWith(".h") ? `/* ${name} */\n` : name.endsWith(".s") ? `# ${name}\n\t.text\n` : `/* ${name} */\n`;
      this.editor.addFile(name, text);
    } else {
      this.editor.renameFile(pending.from, name);
    }
  }

  private deleteActive(): void {
    const names = Object.keys(this.editor.files());
    if (this.readOnly || names.length <= 1) return;
    const name = this.editor.activeFile;
    const text = this.editor.files()[name];
    this.editor.deleteFile(name);
    this.report("fileDeleted", { name }, { label: "undo", run: () => this.editor.addFile(name, text) });
  }
}
