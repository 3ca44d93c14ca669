/** The routes the test server answers; faults can be aimed at any of them. */
export type HubRoute = 'search' | 'info' | 'tree' | 'resolve' | 'cdn' | 'unknown';

/** What a fault sees of a request when deciding whether it applies. */
export interface FaultTarget {
  route: HubRoute;
  method: string;
  url: string;
  /** `owner/name` when the route names a repo (the CDN route knows it too). */
  repo?: string;
  /** Path of the file inside the repo, for `resolve` and `cdn`. */
  file?: string;
}

export type FaultAction =
  /** Answer with this status (and the Hub's `X-Error-Code`) instead of the real response. */
  | {
      kind: 'status';
      status: number;
      errorCode?: string;
      message?: string;
      /** Extra response headers, e.g. a `Location` for a redirect to another host. */
      headers?: Record<string, string>;
    }
  /** Send response bodies no faster than this. */
  | { kind: 'throttle'; bytesPerSecond: number }
  /** Stop sending after this many body bytes and keep the socket open. */
  | { kind: 'stall'; afterBytes: number }
  /** Destroy the socket after this many body bytes. */
  | { kind: 'drop'; afterBytes: number }
  /** Flip the byte at this offset of the file (every time it is served). */
  | { kind: 'corrupt'; offset: number };

export interface FaultScope {
  /** Routes it applies to; default: every route for `status`, `cdn` + `resolve` for body faults. */
  route?: HubRoute | HubRoute[];
  repo?: string;
  /** Exact file path in the repo. */
  file?: string;
  /** Any other condition. */
  match?: (target: FaultTarget) => boolean;
  /** How many requests it applies to before it expires; default: forever. */
  times?: number;
}

export type HubFault = FaultAction & FaultScope;

export interface FaultHandle {
  /** Requests the fault has applied to so far. */
  readonly hits: number;
  remove(): void;
}

interface ActiveFault {
  fault: HubFault;
  hits: number;
  removed: boolean;
}

/** The body faults that apply to one response. */
export interface BodyPlan {
  bytesPerSecond: number | null;
  stallAfter: number | null;
  dropAfter: number | null;
  corruptOffsets: number[];
}

const BODY_ROUTES: HubRoute[] = ['cdn', 'resolve'];

export class FaultTable {
  private faults: ActiveFault[] = [];

  add(fault: HubFault): FaultHandle {
    const active: ActiveFault = { fault, hits: 0, removed: false };
    this.faults.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        active.removed = true;
        this.faults = this.faults.filter((f) => f !== active);
      },
    };
  }

  clear(): void {
    for (const f of this.faults) f.removed = true;
    this.faults = [];
  }

  /** The first live status fault for the request, consumed. */
  takeStatus(target: FaultTarget): Extract<FaultAction, { kind: 'status' }> | null {
    const found = this.faults.find((f) => f.fault.kind === 'status' && this.applies(f, target));
    if (!found) return null;
    this.consume(found);
    return found.fault as Extract<FaultAction, { kind: 'status' }>;
  }

  /** The body faults for a response that will serve file bytes [start, end). */
  takeBodyPlan(target: FaultTarget, start: number, end: number): BodyPlan {
    const plan: BodyPlan = {
      bytesPerSecond: null,
      stallAfter: null,
      dropAfter: null,
      corruptOffsets: [],
    };
    for (const active of [...this.faults]) {
      const { fault } = active;
      if (fault.kind === 'status' || !this.applies(active, target)) continue;
      if (fault.kind === 'throttle') {
        plan.bytesPerSecond = Math.min(plan.bytesPerSecond ?? Infinity, fault.bytesPerSecond);
      } else if (fault.kind === 'stall') {
        if (plan.stallAfter !== null || fault.afterBytes >= end - start) continue;
        plan.stallAfter = fault.afterBytes;
      } else if (fault.kind === 'drop') {
        if (plan.dropAfter !== null || fault.afterBytes >= end - start) continue;
        plan.dropAfter = fault.afterBytes;
      } else {
        if (fault.offset < start || fault.offset >= end) continue;
        plan.corruptOffsets.push(fault.offset);
      }
      this.consume(active);
    }
    return plan;
  }

  private applies(active: ActiveFault, target: FaultTarget): boolean {
    const { fault } = active;
    if (active.removed || active.hits >= (fault.times ?? Infinity)) return false;
    const routes =
      fault.route === undefined
        ? fault.kind === 'status'
          ? null
          : BODY_ROUTES
        : Array.isArray(fault.route)
          ? fault.route
          : [fault.route];
    if (routes !== null && !routes.includes(target.route)) return false;
    if (fault.repo !== undefined && fault.repo !== target.repo) return false;
    if (fault.file !== undefined && fault.file !== target.file) return false;
    return fault.match === undefined || fault.match(target);
  }

  private consume(active: ActiveFault): void {
    active.hits++;
    if (active.hits >= (active.fault.times ?? Infinity)) {
      this.faults = this.faults.filter((f) => f !== active);
    }
  }
}
