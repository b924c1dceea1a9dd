import { useState } from 'react';
import { Textarea, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { PhotoPicker } from '../../components/photo-picker';
import { usePhotoUploads } from '../../components/photo-picker/use-photo-uploads';
import { errorMessage } from '../../services/api-error';
import { residentApi } from '../../services/resident-api';
import { asAlert, asField } from '../../utils/a11y';
import { charCount } from '../../utils/format';

const NOTE_MAX = 500;

/** 补充: a note (required by the server) and up to 9 more photos. */
export function SupplementPanel({ caseId, onCancel, onDone }: { caseId: string; onCancel: () => void; onDone: () => void }) {
  const [note, setNote] = useState('');
  const photos = usePhotoUploads();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (busy) return;
    const text = note.trim();
    if (!text) return setError('请写上要补充的情况');
    if (photos.problem) return setError(photos.problem);
    setBusy(true);
    setError(undefined);
    try {
      await residentApi.supplementCase(caseId, text, photos.fileIds);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card supplement" data-testid="supplement-panel">
      <View className="supplement__title">补充情况</View>
      <Textarea
        className="supplement__textarea"
        value={note}
        maxlength={NOTE_MAX}
        placeholder="例如：今天漏水更严重了，楼下也开始渗水"
        placeholderClass="supplement__placeholder"
        onInput={(e) => setNote(e.detail.value)}
        data-testid="supplement-note"
        {...asField({ name: '补充情况' })}
      />
      <View className="supplement__count">
        {charCount(note)}/{NOTE_MAX}
      </View>
      <PhotoPicker photos={photos} testId="supplement-photos" />
      {error ? (
        <View className="supplement__error" data-testid="supplement-error" {...asAlert()}>
          {error}
        </View>
      ) : null}
      <BigButton onClick={() => void submit()} disabled={busy} testId="supplement-submit">
        {busy ? '正在提交…' : '提交补充'}
      </BigButton>
      <BigButton kind="plain" onClick={onCancel}>
        取消
      </BigButton>
    </View>
  );
}
