#!/usr/bin/env bash
# build.sh: compile the library OS into libos.a, headers.json and libos.json.
# Usage: bash libos/build.sh [OUT_DIR]   (default: public/images)
# The output is byte-for-byte reproducible: objects are compiled from inside
# libos/ so file names are relative, and ar runs in deterministic mode.
set -euo pipefail

libos_dir=$(cd "$(dirname "$0")" && pwd)
out_dir=${1:-"$libos_dir/../public/images"}
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)

for tool in gcc ar node; do
  if ! command -v "$tool" >/dev/null; then
    echo "build.sh: $tool not found; install it (apt-get install gcc binutils nodejs)" >&2
    exit 1
  fi
done

CFLAGS=(
  -m32 -ffreestanding -fno-pic -fno-pie
  -ffunction-sections -fdata-sections -Os
  -fno-stack-protector -fno-asynchronous-unwind-tables
  -fno-omit-frame-pointer
  -nostdinc -fno-builtin -Wall -Wextra -Werror -Iinclude
  # The library never touches x87 or SSE state, so apps own the FPU.
  -mgeneral-regs-only
  # Stop gcc turning the loops of memcpy and memset into calls to themselves.
  -fno-tree-loop-distribute-patterns
)

obj_dir=$(mktemp -d)
trap 'rm -rf "$obj_dir"' EXIT

cd "$libos_dir"
export LC_ALL=C
sources=$(find boot kernel libc libgcc -name '*.c' -o -name '*.S' | sort)
for src in $sources; do
  obj="$obj_dir/$(basename "${src%.*}").o"
  if [ -e "$obj" ]; then
    echo "build.sh: two sources named $(basename "${src%.*}"); archive member names must be unique" >&2
    exit 1
  fi
  gcc "${CFLAGS[@]}" -c "$src" -o "$obj"
done

rm -f "$out_dir/libos.a"
(cd "$obj_dir" && ar rcD "$out_dir/libos.a" $(ls *.o | sort))
node manifest.mjs "$out_dir"
