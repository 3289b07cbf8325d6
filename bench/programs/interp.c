/* A small stack-machine interpreter running a loop-heavy bytecode program. */
#include <stdio.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JZ, JMP, PRINT, HALT };

/* for (i = 0; i < 18000; i++) acc = (acc * 31 + i) % 1000003; print acc; */
static const int program[] = {
  PUSH, 0, STORE, 0,           /* i = 0 */
  PUSH, 1, STORE, 1,           /* acc = 1 */
  LOAD, 0, PUSH, 18000, LT,    /* 8: i < 18000 */
  JZ, 40,
  LOAD, 1, PUSH, 31, MUL, LOAD, 0, ADD, PUSH, 1000003, MOD, STORE, 1,
  LOAD, 0, PUSH, 1, ADD, STORE, 0,
  JMP, 8,
  HALT, HALT, HALT,
  LOAD, 1, PRINT, HALT,        /* 40 */
};

static int run(const int *code, int *printed) {
  int stack[64];
  int vars[8] = {0};
  int sp = 0;
  int pc = 0;
  int steps = 0;
  for (;;) {
    steps++;
    switch (code[pc++]) {
    case PUSH: stack[sp++] = code[pc++]; break;
    case LOAD: stack[sp++] = vars[code[pc++]]; break;
    case STORE: vars[code[pc++]] = stack[--sp]; break;
    case ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
    case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
    case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case JZ: { int target = code[pc++]; if (stack[--sp] == 0) pc = target; break; }
    case JMP: pc = code[pc]; break;
    case PRINT: *printed = stack[--sp]; break;
    case HALT: return steps;
    default: return -1;
    }
  }
}

int main(void) {
  int printed = 0;
  int steps = run(program, &printed);
  printf("interp result %d steps %d\n", printed, steps);
  return 0;
}
