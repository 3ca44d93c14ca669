import { TalariaError } from '../../../shared/contract/errors';
import type { HubTokenStatus } from '../../../shared/contract/library';

/** Encrypted storage for secrets, given by a shell that has one (the desktop app's safeStorage). */
export interface SecretStore {
  /** Why secrets cannot be stored safely on this machine; null when they can. */
  unavailableReason(): string | null;
  get(key: string): Promise<string | null>;
  /** Stores a secret, or deletes it for null. */
  set(key: string, value: string | null): Promise<void>;
}

export interface HubTokensOptions {
  /** The Hub the token is for (shown to the user: it is sent there and nowhere else). */
  endpoint: string;
  /** `HF_TOKEN`; used when no token is stored. */
  envToken?: string | null;
  secretStore?: SecretStore;
}

const KEY = 'huggingface.token';

/** The Hugging Face token: a stored one (desktop) wins over HF_TOKEN. */
export class HubTokens {
  private stored: string | null = null;
  private readonly envToken: string | null;

  constructor(private readonly options: HubTokensOptions) {
    this.envToken = options.envToken?.trim() || null;
  }

  /** Reads the stored token; a store that cannot be read counts as empty. */
  async init(): Promise<void> {
    const store = this.options.secretStore;
    if (!store || store.unavailableReason() !== null) return;
    try {
      this.stored = (await store.get(KEY))?.trim() || null;
    } catch {
      this.stored = null;
    }
  }

  current(): string | null {
    return this.stored ?? this.envToken;
  }

  status(): HubTokenStatus {
    const reason = this.storeRefusal();
    return {
      configured: this.current() !== null,
      source: this.stored !== null ? 'stored' : this.envToken !== null ? 'env' : null,
      canStore: reason === null,
      storeMessage: reason,
      endpoint: this.options.endpoint,
    };
  }

  async set(token: string | null): Promise<HubTokenStatus> {
    const reason = this.storeRefusal();
    const store = this.options.secretStore;
    if (reason !== null || !store) throw new TalariaError('UNSUPPORTED', reason ?? 'No store.');
    const value = token?.trim() || null;
    // It goes into an Authorization header: one printable word, nothing that could split it.
    if (value !== null && !/^[\x21-\x7e]{8,500}$/.test(value)) {
      throw new TalariaError(
        'INVALID_INPUT',
        'That does not look like a Hugging Face token (expected one word like hf_…).',
      );
    }
    await store.set(KEY, value);
    this.stored = value;
    return this.status();
  }

  private storeRefusal(): string | null {
    const store = this.options.secretStore;
    if (!store) {
      return 'This Talaria host reads the Hugging Face token from the HF_TOKEN environment variable only: restart it with HF_TOKEN=hf_… set.';
    }
    return store.unavailableReason();
  }
}
