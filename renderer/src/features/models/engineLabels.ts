import type { ComputeBackend, EngineStatus } from '../../../../shared/contract/types';

const BACKENDS: Record<ComputeBackend, string> = {
  cpu: 'CPU',
  cuda: 'CUDA',
  vulkan: 'Vulkan',
  metal: 'Metal',
};

/** "CPU · 8 threads" or "CUDA · 33 GPU layers". */
export function backendLabel(status: EngineStatus | null): string {
  if (!status?.backend) return '—';
  const name = BACKENDS[status.backend];
  if (status.backend === 'cpu') return `${name} · ${status.threads} threads`;
  return `${name} · ${status.gpuLayers} GPU layers`;
}

export function stateLabel(status: EngineStatus | null): string {
  switch (status?.state) {
    case 'ready':
      return 'Ready';
    case 'loading':
      return 'Loading';
    case 'error':
      return 'Error';
    default:
      // 'stopped' only means the engine process is not running yet; to the user that is idle.
      return 'Idle';
  }
}

export function stateDotClass(status: EngineStatus | null): string {
  switch (status?.state) {
    case 'ready':
      return 'bg-ok';
    case 'loading':
      return 'bg-warn animate-pulse';
    case 'error':
      return 'bg-danger';
    default:
      return 'bg-subtle/60';
  }
}
