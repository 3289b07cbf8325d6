// Gallery examples about the machine: the timer, port I/O, VGA text
// memory, a fault, and timing a computation.
import type { Example } from "./types";

export const timer: Example = {
  id: "timer-sleep",
  title: { en: "Timer interrupts and sleep_ms", ko: "타이머 인터럽트와 sleep_ms" },
  files: {
    "main.c": String.raw`/* The 8254 timer raises IRQ 0; the library OS runs callbacks from it and
   halts the CPU between ticks in sleep_ms.
   8254 타이머가 IRQ 0을 일으키면 라이브러리 OS가 콜백을 부르고,
   sleep_ms는 틱 사이에 CPU를 멈춰 둡니다. */
#include <stdio.h>
#include <unikernel.h>

static volatile int calls;

/* Runs inside the timer interrupt every 100 ms. / 100 ms마다 타이머 인터럽트 안에서 실행됩니다. */
static void every_100_ms(void) {
    calls++;
}

int main(void) {
    unsigned long long start = uptime_us();
    int id = timer_every(100, every_100_ms);
    int i;
    for (i = 1; i <= 3; i++) {
        unsigned int elapsed;
        sleep_ms(200);
        /* sleep_ms may return late on a busy host, never early.
           바쁜 호스트에서는 sleep_ms가 늦게 돌아올 수 있지만, 일찍 돌아오지는 않습니다. */
        elapsed = (unsigned int)((uptime_us() - start) / 1000);
        printf("tick %d after %u ms (at least %d: %s)\n", i, elapsed, 200 * i, elapsed >= 200u * i ? "yes" : "no");
    }
    timer_cancel(id);
    /* The callback runs once per elapsed 100 ms period. / 콜백은 지난 100 ms 주기마다 한 번 실행됩니다. */
    printf("callback ran %d times (at least 5: %s)\n", calls, calls >= 5 ? "yes" : "no");
    printf("timer at %u Hz\n", timer_hz());
    return 0;
}
`,
  },
  expect: [
    /^tick 1 after \d+ ms \(at least 200: yes\)$/,
    /^tick 2 after \d+ ms \(at least 400: yes\)$/,
    /^tick 3 after \d+ ms \(at least 600: yes\)$/,
    /^callback ran \d+ times \(at least 5: yes\)$/,
    /^timer at 1000 Hz$/,
  ],
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

/** Direct writes to VGA text memory, for the game of life. */
export const SCREEN_H = String.raw`/* screen.h: write cells of the VGA text screen directly at 0xB8000.
   VGA 텍스트 화면의 칸을 0xB8000에 직접 씁니다. */
#ifndef SCREEN_H
#define SCREEN_H

#define COLUMNS 80
#define ROWS 25

/* Each cell is a character byte and a colour byte (background << 4 | foreground).
   각 칸은 문자 바이트와 색 바이트(배경 << 4 | 전경)입니다. */
static volatile unsigned short *const screen = (volatile unsigned short *)0xB8000;

static void screen_put(int row, int column, char c, int colour) {
    screen[row * COLUMNS + column] = (unsigned short)((colour << 8) | (unsigned char)c);
}

#endif
`;

export const vgaArt: Example = {
  id: "vga-art",
  title: { en: "VGA text art", ko: "VGA 텍스트 아트" },
  files: {
    "main.c": String.raw`/* Draw a framed, coloured banner with the library OS's VGA driver (see the VGA tab).
   라이브러리 OS의 VGA 드라이버로 색 있는 테두리 배너를 그립니다 (VGA 탭을 보세요). */
#include <stdio.h>
#include <unikernel.h>

int main(void) {
    const char *text = "UNIKERNEL";
    int row, i;
    vga_set_color(VGA_WHITE, VGA_BLUE);
    vga_clear();
    vga_set_color(VGA_YELLOW, VGA_BLUE);
    vga_move_cursor(8, 20);
    for (i = 0; i < 40; i++) vga_putc('=');
    vga_move_cursor(14, 20);
    for (i = 0; i < 40; i++) vga_putc('=');
    for (row = 9; row < 14; row++) {
        vga_move_cursor(row, 20);
        vga_putc('|');
        vga_move_cursor(row, 59);
        vga_putc('|');
    }
    /* One colour per letter. / 글자마다 다른 색. */
    vga_move_cursor(11, 35);
    for (i = 0; text[i]; i++) {
        vga_set_color(VGA_LIGHT_BLUE + i % 6, VGA_BLUE);
        vga_putc(text[i]);
    }
    printf("banner drawn on the VGA screen\n");
    return 0;
}
`,
  },
  expect: [/^banner drawn on the VGA screen$/],
  exit: 0,
};

export const life: Example = {
  id: "game-of-life",
  title: { en: "Game of life on VGA", ko: "VGA 위의 생명 게임" },
  files: {
    "main.c": String.raw`/* Conway's game of life on the VGA text screen, with a glider.
   VGA 텍스트 화면의 콘웨이 생명 게임, 글라이더 하나. */
#include <stdio.h>
#include <unikernel.h>
#include "screen.h"

static unsigned char grid[ROWS][COLUMNS];
static unsigned char next[ROWS][COLUMNS];

static int neighbours(int row, int column) {
    int count = 0, dr, dc;
    for (dr = -1; dr <= 1; dr++)
        for (dc = -1; dc <= 1; dc++)
            if (dr || dc)
                count += grid[(row + dr + ROWS) % ROWS][(column + dc + COLUMNS) % COLUMNS];
    return count;
}

static void step(void) {
    int row, column;
    for (row = 0; row < ROWS; row++)
        for (column = 0; column < COLUMNS; column++) {
            int n = neighbours(row, column);
            next[row][column] = n == 3 || (n == 2 && grid[row][column]);
        }
    for (row = 0; row < ROWS; row++)
        for (column = 0; column < COLUMNS; column++) {
            grid[row][column] = next[row][column];
            screen_put(row, column, grid[row][column] ? 'O' : ' ', 0x0A);
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
    for (row = 0; row < ROWS; row++)
        for (column = 0; column < COLUMNS; column++)
            alive += grid[row][column];
    printf("after 40 generations: %d cells alive, glider at row %d\n", alive, 11);
    printf("cell (13,13) alive: %d\n", grid[13][13]);
    return 0;
}
`,
    "screen.h": SCREEN_H,
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
#include <unikernel.h>

#define LIMIT 1000000

static unsigned char composite[LIMIT];

int main(void) {
    unsigned long long start = uptime_us();
    int i, j, count = 0;
    for (i = 2; i < LIMIT; i++) {
        if (composite[i]) continue;
        count++;
        for (j = i + i; j < LIMIT; j += i) composite[j] = 1;
    }
    printf("%d primes below %d\n", count, LIMIT);
    /* The time depends on the host, so it is printed but not compared.
       시간은 호스트에 따라 달라서 출력만 하고 비교하지 않습니다. */
    printf("sieve took %u ms\n", (unsigned int)((uptime_us() - start) / 1000));
    return 0;
}
`,
  },
  expect: [/^78498 primes below 1000000$/, /^sieve took \d+ ms$/],
  exit: 0,
};
