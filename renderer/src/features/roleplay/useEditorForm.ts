import { useEffect, useId, useState } from 'react';
import { useStores } from '../../app/stores';
import { toShownError } from '../../components/errors';

/**
 * The state of a manager's editor form: the values, whether they differ from what is saved
 * (reported through `onDirty`), and a save that shows its failure in the form.
 */
export function useEditorForm<F extends object>(
  initial: () => F,
  isDirty: (form: F) => boolean,
  onDirty: (dirty: boolean) => void,
) {
  const [form, setForm] = useState<F>(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = isDirty(form);

  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  // The page asks "Leave site?" while this form holds changes (see useUnsavedGuard).
  const { ui } = useStores();
  const key = useId();
  useEffect(() => {
    ui.getState().setUnsaved(key, dirty);
    return () => ui.getState().setUnsaved(key, false);
  }, [ui, key, dirty]);

  /** Changes some values; a new value clears the last error. */
  const change = (patch: Partial<F>): void => {
    setForm((f) => ({ ...f, ...patch }));
    setError(null);
  };

  /** Shows `problem` instead of saving when there is one; else runs `action`. */
  const save = async (problem: string | null, action: () => Promise<void>): Promise<void> => {
    if (problem) return setError(problem);
    setSaving(true);
    try {
      await action();
    } catch (e) {
      setError(toShownError(e).message);
    } finally {
      setSaving(false);
    }
  };

  return { form, setForm, change, error, setError, saving, dirty, save };
}
