// Language-area programs, built by us and by gcc -m32 and booted in v86 (see
// test/helpers/program-corpus.ts). Each line of an expected file is one
// check, and the corpus must keep at least 400 of them.
import { describeProgramCorpus } from "../helpers/program-corpus";

describeProgramCorpus("test/c", { minChecks: 400 });
