#!/usr/bin/env node
// Starts the `ukp` command. The command is written in TypeScript and runs
// through tsx (a dependency), so a plain `npm install` is all it needs.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../src/cli/main.ts", import.meta.url);
process.exit(await main(process.argv.slice(2)));
