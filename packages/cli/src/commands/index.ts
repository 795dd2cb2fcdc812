// Each command lives in its own module and registers itself here, in the order `--help` lists them.
import '../commands/validate.ts';
import '../commands/generate.ts';
import '../commands/init.ts';
import '../commands/propose.ts';
import '../commands/report.ts';
import '../commands/sync.ts';
