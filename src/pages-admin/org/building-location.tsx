import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { LabelledInput } from '../../components/labelled-field';
import { checkCoordinates } from '../../../core/geo';
import { adminApi, type AdminBuilding } from '../../services/admin-api';
import { locate } from '../../services/location';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

type Change = { run: (change: () => Promise<unknown>, message: string) => Promise<boolean>; setError: (m?: string) => void };

/**
 * Where a building stands (GCJ-02): typed (from a Chinese map app), taken from where the admin
 * stands now, or picked on WeChat's map. Residents' 「用我的位置」 finds buildings by it.
 */
export function BuildingLocation({ building, change, onClose }: { building: AdminBuilding; change: Change; onClose: () => void }) {
  const [lat, setLat] = useState(building.latitude === undefined ? '' : String(building.latitude));
  const [lng, setLng] = useState(building.longitude === undefined ? '' : String(building.longitude));

  const fill = (p: { latitude: number; longitude: number }) => {
    setLat(String(Math.round(p.latitude * 1e6) / 1e6));
    setLng(String(Math.round(p.longitude * 1e6) / 1e6));
    change.setError(undefined);
  };

  const here = async () => {
    const r = await locate();
    if (r.ok) fill(r.point);
    else change.setError(r.message.replace('请在下面的列表中选择楼栋', '请直接填写纬度和经度'));
  };

  const onMap = async () => {
    try {
      fill(await Taro.chooseLocation({}));
    } catch {
      // Cancelled or not allowed: typing still works.
    }
  };

  const save = async () => {
    if (!lat.trim() || !lng.trim()) {
      change.setError('请填写纬度和经度（例如 29.3962 和 106.2968）');
      return;
    }
    const checked = checkCoordinates({ latitude: Number(lat), longitude: Number(lng) });
    if (!checked.ok) {
      change.setError(checked.error.message);
      return;
    }
    if (await change.run(() => adminApi.setBuildingLocation(building.id, checked.value), `已保存「${building.name}」的位置`)) onClose();
  };

  const clear = async () => {
    if (await change.run(() => adminApi.setBuildingLocation(building.id, null), `已清除「${building.name}」的位置`)) onClose();
  };

  return (
    <View className="org__location" data-testid="building-location" data-building-id={building.id}>
      <View className="org__location-title">「{building.name}」的位置（GCJ-02，如微信地图、高德、腾讯地图所示）</View>
      <LabelledInput
        label="纬度"
        type="digit"
        value={lat}
        placeholder="纬度，如 29.3962"
        onChange={setLat}
        testId="building-lat"
        instance={building.id}
      />
      <LabelledInput
        label="经度"
        type="digit"
        value={lng}
        placeholder="经度，如 106.2968"
        onChange={setLng}
        testId="building-lng"
        instance={building.id}
      />
      <View className="org__member-actions">
        <View className="org__chip-button" onClick={() => void here()} data-testid="building-here">
          用我现在的位置
        </View>
        {IS_WEAPP ? (
          <View className="org__chip-button" onClick={() => void onMap()} data-testid="building-map">
            在地图上选
          </View>
        ) : null}
        <View className="org__chip-button" onClick={() => void save()} data-testid="building-location-save">
          保存位置
        </View>
        {building.latitude !== undefined ? (
          <View className="org__chip-button org__chip-button--danger" onClick={() => void clear()} data-testid="building-location-clear">
            清除
          </View>
        ) : null}
        <View className="org__chip-button" onClick={onClose}>
          取消
        </View>
      </View>
    </View>
  );
}
