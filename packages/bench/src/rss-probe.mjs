// Preloaded into `worker once` by the memory bench: writes the process's peak resident set
// (getrusage's maxrss, KiB) where RSS_PROBE_FILE says, as the process exits.
import { writeFileSync } from 'node:fs';

const file = process.env.RSS_PROBE_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
