// The assembly listing tab: a read-only Monaco editor over the compiler's
// listing, under a header that names the build's optimisation level.
// Moving the cursor in the source highlights that line's instructions here,
// and clicking an instruction reveals its source line.
import type * as Monaco from "monaco-editor/editor/editor.api";
import type { OptimizeLevel } from "../../builder/cc";
import type { CodeEditor } from "../code-editor";
import { translate } from "../i18n";
import { optimizeFlag } from "../workspace";
import { listingLinesFor, mapListings, type ListingMap } from "./listing-map";

export class ListingView {
  private readonly view: Monaco.editor.IStandaloneCodeEditor;
  private map: ListingMap = { text: "", sourceOf: [undefined] };
  private readonly highlight: Monaco.editor.IEditorDecorationsCollection;
  /** Set while the listing moves its own cursor, so that the move is not sent back to the source. */
  private moving = false;
  private readonly header: HTMLElement;
  /** The level of the build whose listing is shown, or undefined before the first build. */
  private builtLevel: OptimizeLevel | undefined;

  /** `selectedLevel` is the level the next build will use, until `setSelectedLevel` changes it. */
  constructor(
    container: HTMLElement,
    private readonly code: CodeEditor,
    private selectedLevel: OptimizeLevel,
  ) {
    this.header = container.ownerDocument.createElement("p");
    this.header.className = "listing-header";
    this.header.dataset.testid = "listing-level";
    container.before(this.header);
    this.renderHeader();

    const monaco = code.monaco;
    this.view = monaco.editor.create(container, {
      value: "",
      language: "plaintext",
      readOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 19,
      scrollBeyondLastLine: false,
    });
    this.highlight = this.view.createDecorationsCollection();
    code.onCursorLine((file, line) => this.showSource(file, line));
    this.view.onDidChangeCursorPosition((event) => {
      if (this.moving || event.source !== "mouse") return;
      const source = this.map.sourceOf[event.position.lineNumber];
      if (source) this.code.revealLines(source.file, source.line);
    });
  }

  /** Replaces the listing with the latest build's, made at `level`. */
  update(listings: Record<string, string>, level: OptimizeLevel): void {
    this.map = mapListings(listings);
    this.view.setValue(this.map.text);
    this.builtLevel = level;
    this.renderHeader();
  }

  /** Records the level chosen for the next build, so the header can say when the listing is of another level. */
  setSelectedLevel(level: OptimizeLevel): void {
    this.selectedLevel = level;
    this.renderHeader();
  }

  /** Redraws the header in the current language. */
  renderHeader(): void {
    const selected = optimizeFlag(this.selectedLevel);
    if (this.builtLevel === undefined) {
      this.header.textContent = translate("listingNoBuild", { level: selected });
    } else if (this.builtLevel === this.selectedLevel) {
      this.header.textContent = translate("listingLevel", { level: optimizeFlag(this.builtLevel) });
    } else {
      this.header.textContent = translate("listingLevelDiffers", { level: optimizeFlag(this.builtLevel), selected });
    }
    this.header.dataset.level = this.builtLevel === undefined ? "" : optimizeFlag(this.builtLevel);
  }

  setAriaLabel(label: string): void {
    this.view.updateOptions({ ariaLabel: label });
  }

  /** Returns the listing text shown, for tests. */
  text(): string {
    return this.map.text;
  }

  /** The listing lines highlighted for the source cursor, for tests. */
  highlightedLines(): number[] {
    return this.highlight.getRanges().map((range) => range.startLineNumber);
  }

  /** The source line of a listing line, for tests. */
  sourceOfLine(line: number): { file: string; line: number } | undefined {
    return this.map.sourceOf[line];
  }

  /** Selects listing `line` as a click would, revealing its source line. */
  selectLine(line: number): void {
    const source = this.map.sourceOf[line];
    this.view.setPosition({ lineNumber: line, column: 1 });
    if (source) this.code.revealLines(source.file, source.line);
  }

  private showSource(file: string, line: number): void {
    const monaco = this.code.monaco;
    const lines = listingLinesFor(this.map, file, line);
    this.highlight.set(
      lines.map((l) => ({ range: new monaco.Range(l, 1, l, 1), options: { isWholeLine: true, className: "linked-line" } })),
    );
    if (lines.length > 0) {
      this.moving = true;
      this.view.revealLinesInCenterIfOutsideViewport(lines[0], lines[lines.length - 1]);
      this.moving = false;
    }
  }
}
