import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { TalariaClient } from '../../../shared/contract/client';
import { MermaidRenderer } from '../components/markdown/MermaidRenderer';
import {
  createCharacterStores,
  type CharacterStores,
} from '../features/characters/characterStores';
import { createChatStore, type ChatState, type ChatStore } from '../features/chat/chatStore';
import { createMessageActions, type MessageActions } from '../features/chat/messageActions';
import {
  createConversationsStore,
  type ConversationsState,
  type ConversationsStore,
} from '../features/conversations/conversationsStore';
import {
  createModelsStore,
  type ModelsState,
  type ModelsStore,
} from '../features/models/modelsStore';
import { createRoleplayStore, type RoleplayStore } from '../features/roleplay/roleplayStore';
import {
  createSettingsStore,
  type SettingsState,
  type SettingsStore,
  type Theme,
} from '../features/settings/settingsStore';
import { createUiStore, type UiState, type UiStore } from './uiStore';

export interface Stores {
  client: TalariaClient;
  /** The Characters screen: gallery, lorebooks and their editors (issue 6). */
  characters: CharacterStores;
  conversations: ConversationsStore;
  chat: ChatStore;
  models: ModelsStore;
  /** Presets, personas and the shown conversation's cast (issue 6). */
  roleplay: RoleplayStore;
  settings: SettingsStore;
  ui: UiStore;
  messageActions: MessageActions;
  /** Draws Mermaid diagrams for every message (one Mermaid instance per window). */
  mermaid: MermaidRenderer;
}

/** The composition root of the renderer: one set of stores per connection. */
export function createStores(client: TalariaClient, systemTheme: Theme): Stores {
  const conversations = createConversationsStore(client);
  const chat = createChatStore(client, conversations);
  return {
    client,
    characters: createCharacterStores(client),
    conversations,
    chat,
    models: createModelsStore(client),
    roleplay: createRoleplayStore(client, chat),
    settings: createSettingsStore(client, systemTheme),
    ui: createUiStore(),
    messageActions: createMessageActions(client, chat, conversations),
    mermaid: new MermaidRenderer(window),
  };
}

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores must be used inside <StoresContext>');
  return stores;
}

export function useChat<T>(selector: (state: ChatState) => T): T {
  return useStore(useStores().chat, selector);
}

export function useConversations<T>(selector: (state: ConversationsState) => T): T {
  return useStore(useStores().conversations, selector);
}

export function useModels<T>(selector: (state: ModelsState) => T): T {
  return useStore(useStores().models, selector);
}

export function useSettings<T>(selector: (state: SettingsState) => T): T {
  return useStore(useStores().settings, selector);
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useStores().ui, selector);
}
