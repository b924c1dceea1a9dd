import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { photoUrl } from '../../services/photo-upload';
import { asButton } from '../../utils/a11y';
import './index.scss';

interface PhotoGridProps {
  /** Stored fileIds (cloud fileIDs in weapp, host fileIds in H5). */
  fileIds: string[];
  /** The case the photos belong to: the H5 host serves a photo to those who may see that case. */
  caseId: string;
  /** A caption above the photos, e.g. 办理后. */
  label?: string;
  testId?: string;
}

/** Photos of a case as thumbnails; a tap shows them full screen. */
export function PhotoGrid({ fileIds, caseId, label, testId = 'photo-grid' }: PhotoGridProps) {
  if (fileIds.length === 0) return null;
  const urls = fileIds.map((f) => photoUrl(f, caseId));
  return (
    <View className="photo-grid" data-testid={testId}>
      {label ? <View className="photo-grid__label">{label}</View> : null}
      <View className="photo-grid__items">
        {urls.map((url, i) => (
          <Image
            key={url}
            className="photo-grid__img"
            src={url}
            mode="aspectFill"
            lazyLoad
            onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => undefined)}
            {...asButton(`${label ?? '照片'}第${i + 1}张，点按放大`)}
          />
        ))}
      </View>
    </View>
  );
}
