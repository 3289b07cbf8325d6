// Reads the VGA text screen (80x25 at 0xB8000, a character byte then an
// attribute byte per cell) through v86's VGA memory, which lies outside
// guest RAM, and decodes characters as code page 437.
import type { TextScreen } from "./types";

export const TEXT_COLUMNS = 80;
export const TEXT_ROWS = 25;
const TEXT_BUFFER = 0xb8000;

/** Code page 437 as the VGA ROM font draws it; 0x00 is shown as a space. */
const CP437 =
  " ☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼" +
  " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~⌂" +
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»" +
  "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀" +
  "αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

/** The parts of v86's VGA device read here. */
export interface V86Vga {
  /** Reads one byte of the legacy VGA window (0xA0000–0xBFFFF) as the guest would. */
  vga_memory_read(address: number): number;
  /** All four planes of VGA memory. */
  vga_memory: Uint8Array;
  graphical_mode: boolean;
}

/** Returns the text screen, or undefined while the VGA is in a graphics mode. */
export function readTextScreen(vga: V86Vga): TextScreen | undefined {
  if (vga.graphical_mode) return undefined;
  const cells = TEXT_COLUMNS * TEXT_ROWS;
  const attributes = new Uint8Array(cells);
  const lines: string[] = [];
  for (let row = 0; row < TEXT_ROWS; row++) {
    let line = "";
    for (let column = 0; column < TEXT_COLUMNS; column++) {
      const cell = row * TEXT_COLUMNS + column;
      line += CP437[vga.vga_memory_read(TEXT_BUFFER + 2 * cell)]!;
      attributes[cell] = vga.vga_memory_read(TEXT_BUFFER + 2 * cell + 1);
    }
    lines.push(line);
  }
  return { columns: TEXT_COLUMNS, rows: TEXT_ROWS, lines, attributes };
}
