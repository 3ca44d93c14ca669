import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';

/**
 * The Electron fuses a packaged Talaria ships with. Off: running the binary as plain Node,
 * NODE_OPTIONS and --inspect (each lets another local program run code as Talaria). On: cookie
 * encryption, ASAR integrity and loading the app only from its ASAR. Every fuse is named, so
 * a new Electron fuse fails this step until someone decides about it.
 */
export const TALARIA_FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
};

/** Packaging step: `tsx scripts/packaging/fuses.ts <path to the packaged Electron binary>`. */
export async function flipTalariaFuses(electronBinary: string): Promise<void> {
  await flipFuses(electronBinary, { ...TALARIA_FUSES, resetAdHocDarwinSignature: true });
}

if (process.argv[1]?.endsWith('fuses.ts') && process.argv[2]) {
  flipTalariaFuses(process.argv[2]).then(
    () => console.log(`Fuses set on ${process.argv[2]}`),
    (error: unknown) => {
      console.error(`Could not set the fuses: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
