import { createContext, useContext } from 'react';
import type { MermaidRenderer } from './MermaidRenderer';

/** What rich markdown needs from the app: the diagram renderer and the current theme. */
export interface MarkdownEnv {
  mermaid: MermaidRenderer | null;
  dark: boolean;
}

const NONE: MarkdownEnv = { mermaid: null, dark: false };

export const MarkdownEnvContext = createContext<MarkdownEnv>(NONE);

export function useMarkdownEnv(): MarkdownEnv {
  return useContext(MarkdownEnvContext);
}
