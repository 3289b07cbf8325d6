// The embed page's postMessage protocol. The host sends commands, and the
// page sends events. A command is plain data checked field by field, so
// nothing in it is evaluated or inserted as HTML, and anything unknown gets
// an "error" event in reply.
import { checkWorkspace, DEFAULT_OPTIONS, TOOLCHAIN_VERSION, WorkspaceError, type Workspace } from "../workspace";

export const HOST_SOURCE = "ukp-host";
export const EMBED_SOURCE = "ukp-embed";

export type HostCommand = { type: "run" } | { type: "stop" } | { type: "setFiles"; workspace: Workspace };

export type ParsedCommand = { ok: true; command: HostCommand } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks a message from the host. Returns undefined for messages not meant for the widget. */
export function parseHostCommand(data: unknown): ParsedCommand | undefined {
  if (!isRecord(data) || data.source !== HOST_SOURCE) return undefined;
  switch (data.type) {
    case "run":
      return { ok: true, command: { type: "run" } };
    case "stop":
      return { ok: true, command: { type: "stop" } };
    case "setFiles": {
      const files = data.files;
      const names = isRecord(files) ? Object.keys(files) : [];
      const active = typeof data.active === "string" ? data.active : names.includes("main.c") ? "main.c" : names[0];
      try {
        const workspace = checkWorkspace({ files, active, options: DEFAULT_OPTIONS, libos: "", toolchain: TOOLCHAIN_VERSION });
        return { ok: true, command: { type: "setFiles", workspace } };
      } catch (error) {
        if (error instanceof WorkspaceError) return { ok: false, message: `setFiles rejected: ${error.message}` };
        throw error;
      }
    }
    default:
      return { ok: false, message: `unknown command type ${JSON.stringify(String(data.type)).slice(0, 60)}: expected run, stop or setFiles` };
  }
}
