/** The `talaria api` part of the help text (kept apart so `--help` loads nothing else). */
export const API_USAGE = `  talaria api [--port N] [--host H] [--model FILE|ID] [--api-key KEY] [--parallel N]
              [--cors ORIGIN]... [--ttl SECONDS] [--data-dir DIR]
      An OpenAI-compatible API (/v1/chat/completions, /v1/completions, /v1/models) on
      http://127.0.0.1:1234/v1 (--port 0 picks a free port). Any --host other than loopback
      needs --api-key (or TALARIA_API_KEY); requests then send "Authorization: Bearer KEY".
      A request naming a library model loads it; --ttl unloads it after that long idle.`;
