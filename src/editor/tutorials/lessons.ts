// The tutorial lessons: what a unikernel rests on, one idea per lesson.
// Each has a task, starter code, and a check over the guest's output and
// the run's metrics that decides when the reader has done the task.
import type { RunEnd } from "../../emulator/types";
import type { RunReport } from "../status-line";

type Text = { en: string; ko: string };

export interface LessonRun {
  output: string;
  end?: RunEnd;
  report?: RunReport;
}

export interface Lesson {
  id: string;
  title: Text;
  /** Paragraphs of the explanation. */
  body: Text[];
  task: Text;
  starter: string;
  /** Returns true when the run shows the task done. */
  check(run: LessonRun): boolean;
}

const lines = (output: string) => output.replace(/\r/g, "").split("\n");
const exitedWith = (end: RunEnd | undefined, code: number) => end?.reason === "exit" && end.exitCode === code;

export const LESSONS: readonly Lesson[] = [
  {
    id: "what",
    title: { en: "1. A unikernel is an app that boots", ko: "1. 유니커널은 부팅하는 앱입니다" },
    body: [
      {
        en: "A container shares the host's kernel: its process makes system calls into Linux. A unikernel brings its own small kernel, linked into the app as a library, and boots on a (virtual) machine with nothing else under it.",
        ko: "컨테이너는 호스트의 커널을 공유합니다. 컨테이너의 프로세스는 리눅스에 시스템 호출을 합니다. 유니커널은 라이브러리로 링크된 작은 커널을 직접 가지고, 그 아래에 아무것도 없는 (가상) 머신에서 부팅합니다.",
      },
      {
        en: "Press Run: your C file is compiled, linked with the library OS into one multiboot image, and booted in an emulated PC in this page.",
        ko: "실행을 누르세요. C 파일이 컴파일되고, 라이브러리 OS와 함께 하나의 멀티부트 이미지로 링크되어, 이 페이지 안의 에뮬레이트된 PC에서 부팅합니다.",
      },
    ],
    task: { en: 'Make the app print the line "my first unikernel" and exit with code 0.', ko: '앱이 "my first unikernel" 줄을 출력하고 종료 코드 0으로 끝나게 하세요.' },
    starter: `#include <stdio.h>

int main(void) {
    printf("hello\\n");
    return 0;
}
`,
    check: (run) => lines(run.output).includes("my first unikernel") && exitedWith(run.end, 0),
  },
  {
    id: "address-space",
    title: { en: "2. Library OS, one address space", ko: "2. 라이브러리 OS와 하나의 주소 공간" },
    body: [
      {
        en: "There is no user/kernel split to cross: printf is an ordinary function in the same image as main, called with an ordinary call instruction. The image is loaded at 1 MiB (0x100000).",
        ko: "넘어야 할 사용자/커널 경계가 없습니다. printf는 main과 같은 이미지 안의 평범한 함수이고, 평범한 call 명령으로 불립니다. 이미지는 1 MiB(0x100000)에 적재됩니다.",
      },
    ],
    task: {
      en: 'Print the addresses of main and printf on two lines, "main at %p" and "printf at %p". Both lie just above 0x100000.',
      ko: 'main과 printf의 주소를 "main at %p", "printf at %p" 두 줄로 출력하세요. 둘 다 0x100000 바로 위에 있습니다.',
    },
    starter: `#include <stdio.h>

int main(void) {
    printf("main at %p\\n", (void *)main);
    return 0;
}
`,
    check(run) {
      const address = (name: string) => {
        const line = lines(run.output).find((l) => l.startsWith(`${name} at `));
        return line ? Number.parseInt(line.slice(name.length + 4), 16) : NaN;
      };
      const inImage = (value: number) => value >= 0x100000 && value < 0x200000;
      return inImage(address("main")) && inImage(address("printf"));
    },
  },
  {
    id: "size",
    title: { en: "3. Specialisation and image size", ko: "3. 특수화와 이미지 크기" },
    body: [
      {
        en: "The linker pulls in only the library members the app references. printf brings the whole formatter; puts does not. Open the Link map tab to see which members were pulled in and why.",
        ko: "링커는 앱이 참조하는 라이브러리 멤버만 가져옵니다. printf는 서식 처리기 전체를 끌어오지만 puts는 그렇지 않습니다. 링크 맵 탭에서 어떤 멤버가 왜 포함됐는지 보세요.",
      },
    ],
    task: { en: 'Print "small" and get the image below 8,000 bytes (the status line shows its size).', ko: '"small"을 출력하고 이미지를 8,000바이트 아래로 줄이세요 (상태 줄에 크기가 나옵니다).' },
    starter: `#include <stdio.h>

int main(void) {
    printf("small\\n");
    return 0;
}
`,
    check: (run) => lines(run.output).includes("small") && (run.report?.imageBytes ?? Infinity) < 8000,
  },
  {
    id: "boot-time",
    title: { en: "4. Boot time", ko: "4. 부팅 시간" },
    body: [
      {
        en: "With no BIOS, no bootloader menu and no init system, the library OS reaches main after a few thousand instructions. The Timeline tab shows each stage of a run; the status line counts the guest instructions before main.",
        ko: "BIOS도, 부트로더 메뉴도, init 시스템도 없어서 라이브러리 OS는 수천 개의 명령어 만에 main에 도착합니다. 타임라인 탭은 실행의 각 단계를, 상태 줄은 main 전까지의 게스트 명령어 수를 보여 줍니다.",
      },
    ],
    task: { en: 'Print "booted" as the first thing main does, and run it so that the boot metrics are recorded.', ko: 'main이 가장 먼저 "booted"를 출력하게 하고, 실행해서 부팅 지표가 기록되게 하세요.' },
    starter: `#include <stdio.h>

int main(void) {
    return 0;
}
`,
    check: (run) => lines(run.output)[0] === "booted" && (run.report?.boot?.bootInstructions ?? 0) > 0,
  },
  {
    id: "drivers",
    title: { en: "5. Interrupts and drivers", ko: "5. 인터럽트와 드라이버" },
    body: [
      {
        en: "A driver in a unikernel is a few functions that talk to device registers. On x86 many devices sit behind I/O ports: outb selects a register, inb reads it. The CMOS real-time clock keeps seconds in register 0x00, behind ports 0x70 (index) and 0x71 (data), in BCD.",
        ko: "유니커널의 드라이버는 장치 레지스터와 대화하는 몇 개의 함수입니다. x86에서는 많은 장치가 I/O 포트 뒤에 있습니다. outb로 레지스터를 고르고 inb로 읽습니다. CMOS 실시간 시계는 초를 레지스터 0x00에 BCD로 보관하며, 포트 0x70(인덱스)과 0x71(데이터) 뒤에 있습니다.",
      },
    ],
    task: { en: 'Read the seconds from the CMOS clock and print "seconds: N" with N in decimal (0 to 59).', ko: 'CMOS 시계에서 초를 읽어 "seconds: N"을 10진수(0~59)로 출력하세요.' },
    starter: `#include <stdio.h>
#include <unikernel.h>

int main(void) {
    int bcd;
    outb(0x00, 0x70);   /* select the seconds register / 초 레지스터 선택 */
    bcd = 0;            /* read it from port 0x71 / 포트 0x71에서 읽기 */
    printf("seconds: %d\\n", bcd);
    return 0;
}
`,
    check(run) {
      const line = lines(run.output).find((l) => /^seconds: \d+$/.test(l));
      if (!line) return false;
      const seconds = Number(line.slice(9));
      // The starter prints 0 without reading the port, so 0 does not count as done.
      return seconds > 0 && seconds < 60;
    },
  },
  {
    id: "attack-surface",
    title: { en: "6. Attack surface", ko: "6. 공격 표면" },
    body: [
      {
        en: "The image contains only what the app linked: no shell, no other processes, no system call table, no network stack unless the app brings one. A bug still crashes the app, and the library OS reports it instead of hiding it.",
        ko: "이미지에는 앱이 링크한 것만 들어 있습니다. 셸도, 다른 프로세스도, 시스템 호출 표도 없고, 앱이 가져오지 않으면 네트워크 스택도 없습니다. 버그가 있으면 여전히 앱이 멈추지만, 라이브러리 OS는 이를 숨기지 않고 보고합니다.",
      },
    ],
    task: { en: "Make the app fault on purpose (for example, call a null function pointer) and watch the fault report.", ko: "앱이 일부러 오류를 내게 하고 (예: 널 함수 포인터 호출) 오류 보고를 확인하세요." },
    starter: `#include <stdio.h>

int main(void) {
    void (*callback)(void) = 0;
    printf("about to fault\\n");
    return 0;
}
`,
    check: (run) => run.end?.reason === "panic" || run.end?.reason === "crash",
  },
];
