// The end-to-end corpus: one program per construct of the C subset, built by
// us and by gcc -m32 and booted in v86 (see test/helpers/program-corpus.ts).
import { describeProgramCorpus } from "../helpers/program-corpus";

describeProgramCorpus("test/programs");
