/**
 * A real backend in a process of its own, for the test that kills it while a call waits for the
 * user (askRestart.integration.test.ts). Prints one JSON line per engine it starts
 * (`{"enginePid"}`) and one with the WebSocket address (`{"port", "token"}`).
 */
import { sourceEngineSpawner, startHarness } from '../../testing/backendHarness';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: restartTestHost.ts <data dir>');
const spawn = sourceEngineSpawner();
const harness = await startHarness('websocket', {
  dataDir,
  batchIntervalMs: 5,
  spawnEngine: () => {
    const engine = spawn();
    process.stdout.write(`${JSON.stringify({ enginePid: engine.pid })}\n`);
    return engine;
  },
});
process.stdout.write(
  `${JSON.stringify({ port: harness.host?.port, token: harness.host?.token })}\n`,
);
