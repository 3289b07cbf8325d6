// Gallery examples about the machine: the timer, port I/O, VGA text
// memory, a fault, and timing a computation.
import { SLEEP_H, TSC_S } from "./helpers";
import type { Example } from "./types";

export const timer: Example = {
  id: "timer-sleep",
  title: { en: "Timer and sleep_ms", ko: "타이머와 sleep_ms" },
  files: {
    "main.c": String.raw`/* sleep_ms on the CPU's time-stamp counter (see sleep.h and tsc.s).
   CPU의 타임스탬프 카운터로 만든 sleep_ms입니다 (sleep.h, tsc.s 참고). */
#include <stdio.h>
#include "sleep.h"

int main(void) {
    unsigned long long start = read_tsc();
    int i;
    for (i = 1; i <= 3; i++) {
        sleep_ms(200);
        /* Print whole 100 ms steps, so the output is the same each run.
           매번 같은 출력이 나오도록 100 ms 단위로 출력합니다. */
        printf("tick %d after %d00 ms\n", i, (int)(uptime_ms(start) / 100));
    }
    return 0;
}
`,
    "sleep.h": SLEEP_H,
    "tsc.s": TSC_S,
  },
  expect: [/^tick 1 after [2-3]00 ms$/, /^tick 2 after [4-5]00 ms$/, /^tick 3 after [6-7]00 ms$/],
  exit: 0,
};

export const portIo: Example = {
  id: "port-io",
  title: { en: "Direct port I/O: the CMOS clock", ko: "직접 포트 I/O: CMOS 시계" },
  files: {
    "main.c": String.raw`/* Read the real-time clock from the CMOS chip through I/O ports 0x70/0x71.
   I/O 포트 0x70/0x71로 CMOS 칩의 실시간 시계를 읽습니다. */
#include <stdio.h>
#include <unikernel.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

static int cmos_read(int reg) {
    outb(reg, CMOS_INDEX);   /* select a register / 레지스터 선택 */
    return inb(CMOS_DATA);   /* read its value / 값 읽기 */
}

/* The clock stores binary-coded decimal: 0x59 means 59.
   시계는 BCD로 저장합니다: 0x59는 59입니다. */
static int from_bcd(int value) {
    return (value >> 4) * 10 + (value & 15);
}

int main(void) {
    int seconds = from_bcd(cmos_read(0x00));
    int minutes = from_bcd(cmos_read(0x02));
    int hours = from_bcd(cmos_read(0x04));
    int day = from_bcd(cmos_read(0x07));
    int month = from_bcd(cmos_read(0x08));
    int year = from_bcd(cmos_read(0x09));
    printf("CMOS clock: 20%02d-%02d-%02d %02d:%02d:%02d UTC\n", year, month, day, hours, minutes, seconds);
    return 0;
}
`,
  },
  expect: [/^CMOS clock: 20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC$/],
  exit: 0,
};

export const VGA_H = String.raw`/* vga.h: the VGA text screen, 80x25 cells at 0xB8000.
   VGA 텍스트 화면: 0xB8000의 80x25 칸. */
#ifndef VGA_H
#define VGA_H

#define VGA_COLUMNS 80
#define VGA_ROWS 25

/* Each cell is a character byte and a colour byte (background << 4 | foreground).
   각 칸은 문자 바이트와 색 바이트(배경 << 4 | 전경)입니다. */
static volatile unsigned short *const vga = (volatile unsigned short *)0xB8000;

static void vga_put(int row, int column, char c, int colour) {
    vga[row * VGA_COLUMNS + column] = (unsigned short)((colour << 8) | (unsigned char)c);
}

static void vga_clear(int colour) {
    int i;
    for (i = 0; i < VGA_COLUMNS * VGA_ROWS; i++) vga[i] = (unsigned short)((colour << 8) | ' ');
}

#endif
`;

export const vgaArt: Example = {
  id: "vga-art",
  title: { en: "VGA text art", ko: "VGA 텍스트 아트" },
  files: {
    "main.c": String.raw`/* Draw a framed, coloured banner on the VGA text screen (see the VGA tab).
   VGA 텍스트 화면에 색 있는 테두리 배너를 그립니다 (VGA 탭을 보세요). */
#include <stdio.h>
#include "vga.h"

int main(void) {
    const char *text = "UNIKERNEL";
    int row, column, i;
    vga_clear(0x17);
    for (column = 20; column < 60; column++) {
        vga_put(8, column, '=', 0x1E);
        vga_put(14, column, '=', 0x1E);
    }
    for (row = 9; row < 14; row++) {
        vga_put(row, 20, '|', 0x1E);
        vga_put(row, 59, '|', 0x1E);
    }
    for (i = 0; text[i]; i++) vga_put(11, 35 + i, text[i], 0x1F + i % 6);
    /* Read a cell back to prove the write reached VGA memory.
       칸을 다시 읽어 VGA 메모리에 쓰였는지 확인합니다. */
    printf("banner drawn, cell (11,35) = '%c'\n", vga[11 * VGA_COLUMNS + 35] & 0xFF);
    return 0;
}
`,
    "vga.h": VGA_H,
  },
  expect: [/^banner drawn, cell \(11,35\) = 'U'$/],
  exit: 0,
};

export const life: Example = {
  id: "game-of-life",
  title: { en: "Game of life on VGA", ko: "VGA 위의 생명 게임" },
  files: {
    "main.c": String.raw`/* Conway's game of life on the VGA text screen, with a glider.
   VGA 텍스트 화면의 콘웨이 생명 게임, 글라이더 하나. */
#include <stdio.h>
#include "vga.h"
#include "sleep.h"

static unsigned char grid[VGA_ROWS][VGA_COLUMNS];
static unsigned char next[VGA_ROWS][VGA_COLUMNS];

static int neighbours(int row, int column) {
    int count = 0, dr, dc;
    for (dr = -1; dr <= 1; dr++)
        for (dc = -1; dc <= 1; dc++)
            if (dr || dc)
                count += grid[(row + dr + VGA_ROWS) % VGA_ROWS][(column + dc + VGA_COLUMNS) % VGA_COLUMNS];
    return count;
}

static void step(void) {
    int row, column;
    for (row = 0; row < VGA_ROWS; row++)
        for (column = 0; column < VGA_COLUMNS; column++) {
            int n = neighbours(row, column);
            next[row][column] = n == 3 || (n == 2 && grid[row][column]);
        }
    for (row = 0; row < VGA_ROWS; row++)
        for (column = 0; column < VGA_COLUMNS; column++) {
            grid[row][column] = next[row][column];
            vga_put(row, column, grid[row][column] ? 'O' : ' ', 0x0A);
        }
}

int main(void) {
    int generation, row, column, alive = 0;
    /* A glider moves one cell down and right every 4 generations.
       글라이더는 4세대마다 오른쪽 아래로 한 칸 움직입니다. */
    grid[1][2] = grid[2][3] = grid[3][1] = grid[3][2] = grid[3][3] = 1;
    for (generation = 1; generation <= 40; generation++) {
        step();
        sleep_ms(25);
    }
    for (row = 0; row < VGA_ROWS; row++)
        for (column = 0; column < VGA_COLUMNS; column++)
            alive += grid[row][column];
    printf("after 40 generations: %d cells alive, glider at row %d\n", alive, 11);
    printf("cell (13,13) alive: %d\n", grid[13][13]);
    return 0;
}
`,
    "vga.h": VGA_H,
    "sleep.h": SLEEP_H,
    "tsc.s": TSC_S,
  },
  expect: [/^after 40 generations: 5 cells alive, glider at row 11$/, /^cell \(13,13\) alive: 1$/],
  exit: 0,
};

export const nullPointer: Example = {
  id: "null-pointer",
  title: { en: "A deliberate null-pointer fault", ko: "일부러 일으키는 널 포인터 오류" },
  files: {
    "main.c": String.raw`/* Write through a null pointer. The library OS leaves page 0 unmapped,
   so the CPU raises a page fault and the run ends with a report naming
   this line, instead of silently overwriting memory.
   널 포인터로 씁니다. 라이브러리 OS는 0번 페이지를 매핑하지 않으므로
   CPU가 페이지 폴트를 일으키고, 실행은 메모리를 몰래 덮어쓰는 대신
   이 줄을 가리키는 보고로 끝납니다. */
#include <stdio.h>

int main(void) {
    int *pointer = 0;
    printf("writing through a null pointer\n");
    *pointer = 42;
    printf("not reached\n");
    return 0;
}
`,
  },
  expect: [/^writing through a null pointer$/],
  exit: "panic",
};

export const primes: Example = {
  id: "prime-sieve",
  title: { en: "Prime sieve with timing", ko: "시간을 재는 소수 체" },
  files: {
    "main.c": String.raw`/* Count the primes below 1,000,000 with the sieve of Eratosthenes and time it.
   에라토스테네스의 체로 1,000,000 미만의 소수를 세고 시간을 잽니다. */
#include <stdio.h>
#include "sleep.h"

#define LIMIT 1000000

static unsigned char composite[LIMIT];

int main(void) {
    unsigned long long start = read_tsc();
    int i, j, count = 0;
    for (i = 2; i < LIMIT; i++) {
        if (composite[i]) continue;
        count++;
        for (j = i + i; j < LIMIT; j += i) composite[j] = 1;
    }
    printf("%d primes below %d\n", count, LIMIT);
    /* The time depends on the host, so it is printed but not compared.
       시간은 호스트에 따라 달라서 출력만 하고 비교하지 않습니다. */
    printf("sieve took %u ms\n", (unsigned int)uptime_ms(start));
    return 0;
}
`,
    "sleep.h": SLEEP_H,
    "tsc.s": TSC_S,
  },
  expect: [/^78498 primes below 1000000$/, /^sieve took \d+ ms$/],
  exit: 0,
};
