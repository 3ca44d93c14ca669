/** The `talaria models` part of the help text (kept apart so `--help` loads nothing else). */
export const MODELS_USAGE = `  talaria models search <query> [--limit N] [--json]
      GGUF repositories on the Hub matching a query.
  talaria models files <repo> [--ctx N] [--no-fit] [--json]
      A repo's GGUF files with size, fit on this machine and the recommended quant.
  talaria models download <repo> [<file> | --quant Q4_K_M]
      Downloads (resumable: Ctrl+C pauses, the same command resumes), verifies the sha256
      and files the model under <data-dir>/models/<publisher>/<repo>/. Without a file or
      --quant it takes the recommended quant. Exit 0 only when the verified file is in place.
  talaria models list [--json]
      The models in the library with their GGUF metadata.
  talaria models rm <id>
      Deletes a model (an id from \`models list\`, or its file name).`;

/** The environment the models commands (and the host) read. */
export const MODELS_ENV = `  HF_ENDPOINT      the Hugging Face Hub to use (a mirror, a test server); default
                   https://huggingface.co
  HF_TOKEN         token for gated and private repos, sent to HF_ENDPOINT and nowhere else`;
