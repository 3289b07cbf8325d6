// Korean UI text, with the same keys and placeholders as en.ts.
import type { MessageKey } from "./en";

export const ko: Record<MessageKey, string> = {
  title: "유니커널 플레이그라운드",
  run: "실행",
  runLabel: "프로그램을 빌드하고 부팅합니다 (Ctrl+Enter)",
  stop: "중지",
  stopLabel: "실행 중인 게스트를 중지합니다",
  language: "언어",
  editorHeading: "main.c",
  editorLabel: "C 소스 편집기",
  consoleHeading: "시리얼 콘솔 (COM1)",
  consoleLabel: "게스트의 시리얼 콘솔입니다. 여기에 입력하면 COM1으로 전송됩니다",

  loadingEditor: "편집기를 불러오는 중…",
  loadingEmulator: "에뮬레이터를 불러오는 중…",
  loadingLibrary: "라이브러리 OS를 불러오는 중…",
  ready: "준비되었습니다. 실행 버튼이나 Ctrl+Enter를 누르세요.",
  building: "빌드 중…",
  booting: "부팅 중…",
  running: "실행 중",

  compileMs: "컴파일 {value} ms",
  linkMs: "링크 {value} ms",
  imageBytes: "이미지 {value} 바이트",
  bootInstructions: "부팅 {value} 명령어",
  bootMicros: "main까지 {value} µs",
  firstOutputMs: "실행 후 첫 출력 {value} ms",

  exitCode: "종료 코드 {code}",
  panic: "게스트 패닉, 종료 코드 {code}",
  halt: "게스트가 종료 코드 없이 정지했습니다",
  crash: "에뮬레이터 오류: {message}",
  timeout: "시간 초과",
  stopped: "중지됨",
  buildFailed: "빌드 실패: 오류 {count}개, 콘솔을 확인하세요",

  editorFailed: "편집기를 불러오지 못했습니다: {message}. 페이지를 새로 고쳐 다시 시도하세요.",
  emulatorFailed: "에뮬레이터를 불러오지 못했습니다: {message}. 페이지를 새로 고쳐 다시 시도하세요.",
  libraryFailed: "라이브러리 OS를 불러오지 못했습니다: {message}. 페이지를 새로 고쳐 다시 시도하세요.",
  workerFailed: "빌드 워커 오류: {message}. 코드는 그대로 있습니다. 실행을 눌러 다시 시도하세요.",
  runFailed: "실행 실패: {message}. 코드는 그대로 있습니다. 실행을 눌러 다시 시도하세요.",
};
