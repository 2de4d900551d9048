import { useEffect, useRef, useState } from 'react';
import { followUrl, type PendingEchoes } from '../selectors/url-echo';

/**
 * A text box whose value lives in the URL: the box keeps what was typed (the URL holds it
 * trimmed, and catches up late on a busy page), and follows the URL when something else
 * changes it (back/forward). Returns the text and a setter that yields the value to write.
 */
export function useUrlText(urlValue: string | undefined): [string, (typed: string) => string | undefined] {
  const [text, setText] = useState(urlValue ?? '');
  const pending = useRef<PendingEchoes>([]);
  useEffect(() => {
    const next = followUrl(pending.current, urlValue);
    pending.current = next.pending;
    if (next.replaceText) setText(urlValue ?? '');
  }, [urlValue]);
  const type = (typed: string): string | undefined => {
    setText(typed);
    const value = typed.trim() || undefined;
    pending.current = [...pending.current, value];
    return value;
  };
  return [text, type];
}
