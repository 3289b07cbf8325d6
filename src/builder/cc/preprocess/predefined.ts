// Macros every translation unit starts with: the C11 ones, the i386 ILP32
// target's, and `__UKP__` to mark this compiler. `__GNUC__` stays undefined
// because the compiler does not implement GNU C; headers then skip GNU-only
// paths.
import type { Macro } from "./define";
import type { PPToken } from "./tokens";

export const PREDEFINED_MACROS: Readonly<Record<string, string>> = {
  __STDC__: "1",
  __STDC_HOSTED__: "0",
  __STDC_VERSION__: "201112L",
  __STDC_NO_ATOMICS__: "1",
  __STDC_NO_COMPLEX__: "1",
  __STDC_NO_THREADS__: "1",
  __UKP__: "1",
  __i386__: "1",
  __i386: "1",
  __ILP32__: "1",
  __ELF__: "1",
  __CHAR_BIT__: "8",
  __SIZEOF_SHORT__: "2",
  __SIZEOF_INT__: "4",
  __SIZEOF_LONG__: "4",
  __SIZEOF_LONG_LONG__: "8",
  __SIZEOF_POINTER__: "4",
  __SIZEOF_SIZE_T__: "4",
  __SIZEOF_PTRDIFF_T__: "4",
  __SCHAR_MAX__: "0x7f",
  __SHRT_MAX__: "0x7fff",
  __INT_MAX__: "0x7fffffff",
  __LONG_MAX__: "0x7fffffffL",
  __LONG_LONG_MAX__: "0x7fffffffffffffffLL",
  __SIZE_TYPE__: "unsigned int",
  __PTRDIFF_TYPE__: "int",
  __INTPTR_TYPE__: "int",
  __UINTPTR_TYPE__: "unsigned int",
  __WCHAR_TYPE__: "long int",
  __ORDER_LITTLE_ENDIAN__: "1234",
  __ORDER_BIG_ENDIAN__: "4321",
  __ORDER_PDP_ENDIAN__: "3412",
  __BYTE_ORDER__: "__ORDER_LITTLE_ENDIAN__",
};

/** Writes `#define` lines for the predefined macros and the caller's extra ones. */
export function definitionText(extra: Readonly<Record<string, string>>): string {
  let text = "";
  for (const [name, value] of Object.entries({ ...PREDEFINED_MACROS, ...extra })) text += `#define ${name} ${value}\n`;
  return text;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function stringToken(invocation: PPToken, value: string): PPToken {
  const text = `"${value.replace(/[\\"]/g, "\\$&")}"`;
  return { ...invocation, kind: "string", text, hideset: undefined };
}

function numberToken(invocation: PPToken, value: number): PPToken {
  return { ...invocation, kind: "number", text: String(value), hideset: undefined };
}

/**
 * Makes the dynamic macros `__FILE__`, `__LINE__`, `__DATE__`, `__TIME__`
 * and `__COUNTER__`. Inside a macro expansion, `__FILE__` and `__LINE__`
 * name the place of the outermost invocation, as gcc does.
 */
export function builtinMacros(date: Date): Macro[] {
  const pad = (n: number) => String(n).padStart(2, "0");
  const dateText = `${MONTHS[date.getMonth()]} ${String(date.getDate()).padStart(2, " ")} ${date.getFullYear()}`;
  const timeText = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  let counter = 0;
  const builtin = (name: string, make: (invocation: PPToken) => PPToken): Macro => ({ name, variadic: false, body: [], builtin: make });
  return [
    builtin("__FILE__", (tok) => stringToken(tok, (tok.expandedAt ?? tok).file)),
    builtin("__LINE__", (tok) => numberToken(tok, (tok.expandedAt ?? tok).line)),
    builtin("__DATE__", (tok) => stringToken(tok, dateText)),
    builtin("__TIME__", (tok) => stringToken(tok, timeText)),
    builtin("__COUNTER__", (tok) => numberToken(tok, counter++)),
  ];
}
