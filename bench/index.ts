/** `npm run bench -- <name> [options]`: benchmarks that print figures (never pass/fail). */
const benches: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  stream: () => import('./stream'),
  ui: () => import('./ui'),
  download: () => import('./download'),
  roleplay: () => import('./roleplay'),
  remote: () => import('./remote'),
  eval: () => import('./eval'),
};

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const load = name ? benches[name] : undefined;
  if (!load) {
    console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
    return 2;
  }
  await (await load()).run(args);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
