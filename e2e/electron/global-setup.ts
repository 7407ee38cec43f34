// Says out loud when the Electron specs did not run, so an empty run is never mistaken for a
// passing one. RUM_E2E_REQUIRE_ELECTRON=1 (a CI machine that has Electron) turns it into a failure.
import { electronMissingReason } from './electron-available';

export default function globalSetup(): void {
  const why = electronMissingReason();
  if (!why) return;
  const line = `Electron e2e: NOT RUN — ${why}`;
  if (process.env.RUM_E2E_REQUIRE_ELECTRON === '1') throw new Error(line);
  console.warn(line);
}
