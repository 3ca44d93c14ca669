import { useEffect, useId, useRef, useState } from 'react';
import type { OpenAiTool, ToolMock } from '../../../../shared/contract/tools';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { Icon } from '../../components/Icon';
import { codeAreaClass, SectionHeading, Segmented } from './controls';
import type { ToolsPanel } from './useToolsPanel';

const PLACEHOLDER = `[
  {
    "type": "function",
    "function": {
      "name": "get_weather",
      "description": "Current weather for a city.",
      "parameters": {
        "type": "object",
        "properties": { "city": { "type": "string" } },
        "required": ["city"]
      }
    }
  }
]`;

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Tool sets in and out as OpenAI `tools` JSON: a file, or pasted text. */
export function ToolTransfer({ panel, onDone }: { panel: ToolsPanel; onDone: () => void }) {
  const base = useId();
  const file = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [replace, setReplace] = useState(false);
  const [mode, setMode] = useState<ToolMock['mode']>('ask');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [includeBuiltins, setIncludeBuiltins] = useState(false);
  const [exported, setExported] = useState<OpenAiTool[] | null>(null);
  const { exportTools, tools: defined, settings } = panel;

  // Exported again whenever the tools or the enabled built-ins change (e.g. after an import).
  useEffect(() => {
    let live = true;
    void exportTools(includeBuiltins).then((tools) => live && setExported(tools));
    return () => {
      live = false;
    };
  }, [exportTools, includeBuiltins, defined, settings?.enabled]);

  const exportText = exported ? JSON.stringify(exported, null, 2) : '';

  const runImport = async (): Promise<void> => {
    setResult(null);
    const mock: ToolMock = mode === 'ask' ? { mode: 'ask' } : { mode: 'canned', response: '' };
    const outcome = await panel.importTools(text, { replace, mock });
    if (!outcome.ok) setResult({ ok: false, message: outcome.message });
    else {
      setResult({
        ok: true,
        message: `Imported ${outcome.count} ${outcome.count === 1 ? 'tool' : 'tools'}.`,
      });
      setText('');
    }
  };

  return (
    <div className="flex flex-col gap-5" data-testid="tool-transfer">
      <section className="flex flex-col gap-2">
        <SectionHeading
          actions={
            <Button size="sm" variant="ghost" onClick={() => file.current?.click()}>
              <Icon name="upload" size={13} />
              Open file…
            </Button>
          }
        >
          Import
        </SectionHeading>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          data-testid="tools-import-file"
          className="hidden"
          onChange={(e) => {
            const picked = e.target.files?.[0];
            if (picked) void picked.text().then(setText);
            e.target.value = '';
          }}
        />
        <textarea
          aria-label="OpenAI tools JSON to import"
          data-testid="tools-import-text"
          rows={9}
          spellCheck={false}
          placeholder={PLACEHOLDER}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={codeAreaClass}
        />
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-[12px]">
          <label className="flex cursor-pointer items-center gap-1.5 text-muted">
            <input
              type="checkbox"
              checked={replace}
              onChange={(e) => setReplace(e.target.checked)}
              className="accent-[var(--t-accent)]"
            />
            Replace my tools
          </label>
          <span className="flex items-center gap-2 text-muted">
            Imported tools
            <Segmented
              label="Imported tools answer"
              value={mode}
              options={[
                { value: 'ask', label: 'Ask me' },
                { value: 'canned', label: 'Empty response' },
              ]}
              onChange={setMode}
            />
          </span>
        </div>
        {result && (
          <p
            role={result.ok ? 'status' : 'alert'}
            data-testid="tools-import-result"
            className={`rounded-md border px-2.5 py-2 text-[12px] whitespace-pre-line ${
              result.ok
                ? 'border-ok/30 bg-ok/10 text-ok'
                : 'border-danger/30 bg-danger-soft text-danger'
            }`}
          >
            {result.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button size="sm" variant="ghost" onClick={onDone}>
            Back
          </Button>
          <Button
            size="sm"
            variant="primary"
            data-testid="tools-import-run"
            disabled={text.trim() === ''}
            onClick={() => void runImport()}
          >
            Import
          </Button>
        </div>
      </section>
      <section className="flex flex-col gap-2">
        <SectionHeading
          actions={
            <>
              <CopyButton text={exportText} label="Copy tools JSON" />
              <Button
                size="sm"
                variant="ghost"
                data-testid="tools-export-download"
                disabled={!exported}
                onClick={() => download('tools.json', exportText)}
              >
                <Icon name="download" size={13} />
                Download
              </Button>
            </>
          }
        >
          Export
        </SectionHeading>
        <label className="flex cursor-pointer items-center gap-1.5 text-[12px] text-muted">
          <input
            id={`${base}-builtins`}
            type="checkbox"
            checked={includeBuiltins}
            onChange={(e) => setIncludeBuiltins(e.target.checked)}
            className="accent-[var(--t-accent)]"
          />
          Include enabled built-ins
        </label>
        <pre
          data-testid="tools-export-text"
          className="max-h-64 overflow-auto rounded-md border border-line bg-sunken/60 px-2.5 py-2 font-mono text-[11.5px] leading-[1.5] text-muted"
        >
          {exported === null
            ? 'Loading…'
            : exported.length === 0
              ? '[]  (no tools yet)'
              : exportText}
        </pre>
      </section>
    </div>
  );
}
