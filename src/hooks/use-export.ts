import { useState } from 'react';
import { openExport, type ExportFile } from '../utils/staff-export';
import { useSubmit } from './use-submit';

/**
 * One ledger export of a staff page (台账, 名册, 12345 回复): `useSubmit`'s busy flag, Chinese error
 * and double-tap guard, plus the sentence that says what was exported (cleared when the next
 * export starts), then the file opened (H5 download, weapp viewer).
 */
export function useExport() {
  const submit = useSubmit();
  const [note, setNote] = useState<string>();
  const run = <T extends ExportFile>(call: () => Promise<T>, say: (file: T) => string): Promise<boolean> =>
    submit.run(() => {
      setNote(undefined);
      return call().then((file) => {
        setNote(say(file));
        return openExport(file);
      });
    });
  return { busy: submit.busy, error: submit.error, note, run };
}
