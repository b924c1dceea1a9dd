import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { projectPhotoUrl } from '../../services/photo-upload';
import './index.scss';

interface ProjectPhotosProps {
  /** Stored file ids of one stage (or of the candidate project). */
  fileIds: string[];
  /** The round that holds them: the H5 host serves a round's photos to anyone. */
  roundId: string;
  label?: string;
  /** Thumbnails drawn at most; the rest open with a tap on 「共N张」. @default 3 */
  max?: number;
  testId?: string;
}

/**
 * The photos of a 民生微实事 project on the board: a few small thumbnails, loaded only when they
 * scroll into view (`lazyLoad`), every photo full size on a tap (`previewImage`). In the cloud the
 * address is the temporary URL the function gave; locally the host's file route.
 */
export function ProjectPhotos({ fileIds, roundId, label, max = 3, testId = 'project-photos' }: ProjectPhotosProps) {
  if (fileIds.length === 0) return null;
  const urls = fileIds.map((f) => projectPhotoUrl(f, roundId));
  const shown = urls.slice(0, max);
  const preview = (current: string) => void Taro.previewImage({ urls, current }).catch(() => undefined);
  return (
    <View className="project-photos" data-testid={testId}>
      {label ? <View className="project-photos__label">{label}</View> : null}
      <View className="project-photos__items">
        {shown.map((url) => (
          <Image
            key={url}
            className="project-photos__img"
            src={url}
            mode="aspectFill"
            lazyLoad
            onClick={() => preview(url)}
            data-testid="project-photo"
          />
        ))}
        {urls.length > shown.length ? (
          <View className="project-photos__more" onClick={() => preview(urls[shown.length]!)} data-testid="project-photos-more">
            共{urls.length}张
          </View>
        ) : null}
      </View>
    </View>
  );
}
