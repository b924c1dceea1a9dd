import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { errorMessage } from '../../services/api-error';
import { choosePhotos, photoSrc } from '../../utils/staff-photo';
import './index.scss';
import { Icon } from '../icon';
import { asAlert, asButton } from '../../utils/a11y';

interface PickerProps {
  value: string[];
  onChange: (fileIds: string[]) => void;
  /** @default 9 */
  max?: number;
  /** The add button's words. @default '拍照/选照片' */
  addText?: string;
  testId?: string;
}

/** Photos being attached: thumbnails, a big add button, and ✕ to take one off. */
export function StaffPhotoPicker({ value, onChange, max = 9, addText = '拍照/选照片', testId = 'staff-photo-picker' }: PickerProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const add = async () => {
    if (busy || value.length >= max) return;
    setBusy(true);
    setError(undefined);
    try {
      const ids = await choosePhotos(max - value.length);
      if (ids.length) onChange([...value, ...ids].slice(0, max));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="staff-photos" data-testid={testId}>
      <View className="staff-photos__grid">
        {value.map((id) => (
          <View key={id} className="staff-photos__item" data-testid="staff-photo-thumb">
            <Image className="staff-photos__img" src={photoSrc(id)} mode="aspectFill" />
            <View
              className="staff-photos__remove"
              onClick={() => onChange(value.filter((x) => x !== id))}
              data-testid="staff-photo-remove"
              {...asButton('删除这张照片')}
            >
              ✕
            </View>
          </View>
        ))}
        {value.length < max ? (
          <View
            className={`staff-photos__add ${busy ? 'staff-photos__add--busy' : ''}`}
            hoverClass="staff-photos__add--pressed"
            onClick={() => void add()}
            data-testid={`${testId}-add`}
          >
            <View className="staff-photos__add-icon">
              <Icon name="camera" tone="muted" className="icon--block" />
            </View>
            <Text className="staff-photos__add-text">{busy ? '正在上传…' : addText}</Text>
          </View>
        ) : null}
      </View>
      {error ? (
        <View className="staff-photos__error" data-testid={`${testId}-error`} {...asAlert()}>
          {error}
        </View>
      ) : null}
    </View>
  );
}

/** Photos of a case or an event; tap to see them large. */
export function StaffPhotoGrid({ fileIds, caseId, testId = 'staff-photo-grid' }: { fileIds: string[]; caseId?: string; testId?: string }) {
  if (fileIds.length === 0) return null;
  const urls = fileIds.map((id) => photoSrc(id, caseId));
  return (
    <View className="staff-photos__grid" data-testid={testId}>
      {urls.map((url) => (
        <View
          key={url}
          className="staff-photos__item"
          onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => undefined)}
          data-testid="staff-photo"
        >
          <Image className="staff-photos__img" src={url} mode="aspectFill" lazyLoad />
        </View>
      ))}
    </View>
  );
}
