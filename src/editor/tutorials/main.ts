// The tutorials page: each lesson's text, a playground widget with its
// starter code, and a result line that turns to "done" when the widget's
// run passes the lesson's check.
import "../style.css";
import { initLanguage, onLanguageChange, setLanguage, translate, translateDocument, currentLanguage, type Language } from "../i18n";
import { initTheme } from "../theme";
import type { RunEnd } from "../../emulator/types";
import type { RunReport } from "../status-line";
import "../widget/element";
import type { UnikernelPlayground } from "../widget/element";
import { LESSONS, type Lesson, type LessonRun } from "./lessons";

const container = document.getElementById("lessons");
if (!container) throw new Error("internal error: tutorials.html has no #lessons");
const languageSelect = document.getElementById("language") as HTMLSelectElement;

interface LessonView {
  lesson: Lesson;
  title: HTMLElement;
  body: HTMLElement;
  task: HTMLElement;
  result: HTMLElement;
  passed: boolean;
}

const views: LessonView[] = [];

function renderText(view: LessonView): void {
  const language = currentLanguage();
  view.title.textContent = view.lesson.title[language];
  view.body.replaceChildren(
    ...view.lesson.body.map((paragraph) => {
      const p = document.createElement("p");
      p.textContent = paragraph[language];
      return p;
    }),
  );
  view.task.textContent = `${translate("lessonTask")} ${view.lesson.task[language]}`;
  view.result.textContent = translate(view.passed ? "lessonPassed" : "lessonPending");
}

function createLesson(lesson: Lesson): void {
  const section = document.createElement("section");
  section.className = "lesson";
  section.dataset.testid = `lesson-${lesson.id}`;
  const title = document.createElement("h2");
  const body = document.createElement("div");
  const task = document.createElement("p");
  task.className = "lesson-task";
  const widget = document.createElement("unikernel-playground") as UnikernelPlayground;
  widget.setAttribute("panes", "editor,console,linkmap,timeline");
  widget.setAttribute("height", "380");
  widget.setAttribute("lang", currentLanguage());
  widget.dataset.testid = `widget-${lesson.id}`;
  const source = document.createElement("script");
  source.type = "text/plain";
  source.dataset.file = "main.c";
  source.textContent = lesson.starter;
  widget.append(source);
  const result = document.createElement("p");
  result.className = "lesson-result";
  result.dataset.testid = `result-${lesson.id}`;
  result.setAttribute("role", "status");
  section.append(title, body, task, widget, result);
  container!.append(section);

  const view: LessonView = { lesson, title, body, task, result, passed: false };
  views.push(view);
  renderText(view);

  widget.addEventListener("ukp-ready", () => (widget.dataset.ready = "true"));
  let end: RunEnd | undefined;
  widget.addEventListener("ukp-build", () => (end = undefined));
  widget.addEventListener("ukp-exit", (event) => (end = (event as CustomEvent<{ end: RunEnd }>).detail.end));
  widget.addEventListener("ukp-metrics", (event) => {
    const report = (event as CustomEvent<{ report: RunReport }>).detail.report;
    const run: LessonRun = { output: widget.output, end, report };
    view.passed = lesson.check(run);
    result.dataset.passed = String(view.passed);
    result.textContent = translate(view.passed ? "lessonPassed" : "lessonNotYet");
  });
}

function applyLanguage(language: Language): void {
  translateDocument(document);
  languageSelect.value = language;
  for (const view of views) renderText(view);
}

initTheme();
applyLanguage(initLanguage());
languageSelect.addEventListener("change", () => setLanguage(languageSelect.value as Language));
onLanguageChange(applyLanguage);
for (const lesson of LESSONS) createLesson(lesson);
