// Assembly helpers that several examples link in: the time-stamp counter
// and setjmp/longjmp, written as .s files so the examples show how C and
// assembly link together.

/** `read_tsc()`: v86's TSC is a 1 GHz clock derived from host time, so one tick is one nanosecond. */
export const TSC_S = String.raw`# tsc.s: read the time-stamp counter. / 타임스탬프 카운터를 읽습니다.
# unsigned long long read_tsc(void);
# rdtsc leaves the 64-bit count in edx:eax, where cdecl returns a long long.
# rdtsc는 64비트 값을 edx:eax에 남기고, cdecl은 long long을 여기로 반환합니다.
	.text
	.globl	read_tsc
	.type	read_tsc, @function
read_tsc:
	rdtsc
	ret
`;

export const SLEEP_H = String.raw`/* sleep.h: busy-wait timing on the TSC. / TSC로 시간을 재며 기다립니다. */
#ifndef SLEEP_H
#define SLEEP_H

unsigned long long read_tsc(void);

/* v86's TSC ticks at 1 GHz: 1,000,000 ticks per millisecond.
   v86의 TSC는 1 GHz로 증가합니다: 1밀리초에 1,000,000틱. */
#define TICKS_PER_MS 1000000ULL

static unsigned long long uptime_ms(unsigned long long start) {
    return (read_tsc() - start) / TICKS_PER_MS;
}

static void sleep_ms(unsigned int ms) {
    unsigned long long end = read_tsc() + ms * TICKS_PER_MS;
    while (read_tsc() < end) {
    }
}

#endif
`;
