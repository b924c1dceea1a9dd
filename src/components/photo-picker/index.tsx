import type { ChangeEvent } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { asButton } from '../../utils/a11y';
import { roomLeft } from '../../utils/photo-list';
import type { PhotoUploads } from './use-photo-uploads';
import './index.scss';
import { Icon } from '../icon';

const IS_H5 = process.env.TARO_ENV === 'h5';

interface PhotoPickerProps {
  photos: PhotoUploads;
  /** data-testid prefix. @default 'photos' */
  testId?: string;
  /** The words on the add tile. @default '添加照片' */
  addText?: string;
}

/**
 * Thumbnails with a remove button, and a tile to add more. WeChat picks with `chooseMedia`
 * (compressed); H5 uses a real file input, which also offers the camera on phones.
 */
export function PhotoPicker({ photos, testId = 'photos', addText = '添加照片' }: PhotoPickerProps) {
  const left = roomLeft(photos.items, photos.max);

  const pickInWeapp = async () => {
    try {
      const res = await Taro.chooseMedia({ count: left, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      photos.add(res.tempFiles.map((f) => ({ preview: f.tempFilePath, source: f.tempFilePath })));
    } catch {
      // Cancelled, or no permission: nothing to add.
    }
  };

  const pickInH5 = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []).filter((f) => f.type.startsWith('image/') || f.type === '');
    photos.add(files.map((f) => ({ preview: URL.createObjectURL(f), source: f })));
    // The same file may be picked again after removing it.
    e.target.value = '';
  };

  const preview = (current: string) => {
    const urls = photos.items.map((p) => p.preview);
    void Taro.previewImage({ urls, current }).catch(() => undefined);
  };

  return (
    <View className="photo-picker" data-testid={testId}>
      {photos.items.map((p, i) => (
        <View
          key={p.key}
          className={`photo-picker__item photo-picker__item--${p.status}`}
          data-testid={`${testId}-item`}
          data-status={p.status}
        >
          <Image
            className="photo-picker__img"
            src={p.preview}
            mode="aspectFill"
            onClick={() => (p.status === 'failed' ? photos.retry(p.key) : preview(p.preview))}
            {...asButton(p.status === 'failed' ? `第${i + 1}张照片上传失败，点按重试` : `第${i + 1}张照片，点按放大`)}
          />
          {p.status === 'uploading' ? <View className="photo-picker__state">上传中…</View> : null}
          {p.status === 'failed' ? (
            <View
              className="photo-picker__state photo-picker__state--failed"
              onClick={() => photos.retry(p.key)}
              {...asButton(`第${i + 1}张照片上传失败，点按重试`)}
            >
              点按重试
            </View>
          ) : null}
          <View
            className="photo-picker__remove"
            hoverClass="photo-picker__remove--pressed"
            onClick={() => photos.remove(p.key)}
            data-testid={`${testId}-remove`}
            {...asButton(`删除第${i + 1}张照片`)}
          >
            ×
          </View>
        </View>
      ))}
      {left > 0 ? (
        <View
          className="photo-picker__add"
          hoverClass="photo-picker__add--pressed"
          onClick={IS_H5 ? undefined : () => void pickInWeapp()}
          {...(IS_H5 ? {} : asButton(`${addText}，已有${photos.items.length}张，最多${photos.max}张`))}
        >
          <View className="photo-picker__plus">
            <Icon name="camera" tone="muted" className="icon--block" />
          </View>
          <Text className="photo-picker__add-text">{addText}</Text>
          <Text className="photo-picker__count">
            {photos.items.length}/{photos.max}
          </Text>
          {IS_H5 ? (
            <input
              className="photo-picker__file"
              type="file"
              accept="image/*"
              multiple
              onChange={pickInH5}
              data-testid={`${testId}-input`}
              aria-label={addText}
            />
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
