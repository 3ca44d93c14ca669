import { useRef, useState } from 'react';
import { Avatar } from '../../components/Avatar';
import { AVATAR_ACCEPT, makeAvatar } from '../../components/avatarImage';
import { focusRing } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';

/** The editor's avatar: click to pick a picture (resized to 512 px here), or remove it. */
export function AvatarPicker({
  name,
  avatar,
  onChange,
  onError,
}: {
  name: string;
  avatar: string | null;
  onChange: (avatar: string | null) => void;
  onError: (message: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setBusy(true);
    try {
      onChange(await makeAvatar(file));
    } catch {
      onError(`${file.name} is not a picture this window can read (use PNG, JPEG, WEBP or GIF).`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="group relative shrink-0">
      <button
        type="button"
        data-testid="avatar-change"
        aria-label={avatar ? 'Change the avatar' : 'Add an avatar'}
        title={avatar ? 'Change the avatar' : 'Add an avatar'}
        onClick={() => input.current?.click()}
        className={`relative block overflow-hidden rounded-xl border border-line shadow-xs ${focusRing}`}
      >
        <Avatar
          name={name || '?'}
          src={avatar}
          round={false}
          className="h-[72px] w-[72px]"
          textClassName="text-2xl"
          testId="editor-avatar"
        />
        <span className="absolute inset-0 flex items-center justify-center bg-black/45 text-white opacity-0 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100">
          {busy ? <Spinner size={16} /> : <Icon name="image" size={18} />}
        </span>
      </button>
      {avatar && (
        <button
          type="button"
          aria-label="Remove the avatar"
          title="Remove the avatar"
          onClick={() => onChange(null)}
          className="absolute -top-1.5 -right-1.5 hidden h-5 w-5 items-center justify-center rounded-full border border-line-strong bg-raised text-muted shadow-sm group-hover:flex hover:text-danger focus-visible:flex"
        >
          <Icon name="x" size={11} />
        </button>
      )}
      <input
        ref={input}
        type="file"
        hidden
        data-testid="avatar-file-input"
        accept={AVATAR_ACCEPT}
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
