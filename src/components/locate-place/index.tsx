import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import type { Community } from '../../services/api-types';
import { locate } from '../../services/location';
import { recentPlacesStore } from '../../state/recent-places';
import { useStore } from '../../state/use-store';
import { placesNear, recentOptions, type LocateAnswer, type PlaceOption } from '../../utils/nearby-places';
import type { PlaceChoice } from '../../utils/places';
import { asAlert, asButton, asRadio } from '../../utils/a11y';
import './index.scss';

interface LocatePlaceProps {
  communities: Community[];
  chosenBuildingId?: string;
  onPick: (choice: PlaceChoice) => void;
}

/**
 * Finding the place without knowing the grid: 常用地点 (where the resident reported from before)
 * and 「用我的位置」 (the nearest buildings of the street). The list below stays for everyone.
 */
export function LocatePlace({ communities, chosenBuildingId, onPick }: LocatePlaceProps) {
  const recent = recentOptions(useStore(recentPlacesStore), communities);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<LocateAnswer | { kind: 'failed'; message: string }>();

  // A ref, not the state: a second tap event before the re-render must not ask again.
  const asking = useRef(false);
  const useMyLocation = async () => {
    if (asking.current) return;
    asking.current = true;
    setBusy(true);
    setAnswer(undefined);
    const r = await locate();
    asking.current = false;
    setBusy(false);
    setAnswer(r.ok ? placesNear(r.point, communities) : { kind: 'failed', message: r.message });
  };

  return (
    <View className="card locate-place" data-testid="locate-place">
      {recent.length ? (
        <>
          <View className="locate-place__label">常用地点</View>
          <Options options={recent} chosen={chosenBuildingId} onPick={onPick} testId="recent-place" />
        </>
      ) : null}
      <View
        className={`locate-place__button ${busy ? 'locate-place__button--busy' : ''}`}
        hoverClass="locate-place__button--pressed"
        onClick={() => void useMyLocation()}
        data-testid="use-my-location"
        {...asButton()}
      >
        {busy ? '正在获取您的位置…' : '用我的位置找楼栋'}
      </View>
      {answer?.kind === 'near' ? (
        <>
          <View className="locate-place__label">离您最近的楼栋，请点选</View>
          <Options options={answer.options} chosen={chosenBuildingId} onPick={onPick} testId="near-place" />
        </>
      ) : answer ? (
        <View className="locate-place__message" data-testid="locate-message" {...asAlert()}>
          {answer.message}
        </View>
      ) : (
        <View className="locate-place__hint">不知道自己属于哪个网格也没关系，用位置找，或在下面选社区和楼栋。</View>
      )}
    </View>
  );
}

function Options({
  options,
  chosen,
  onPick,
  testId,
}: {
  options: PlaceOption[];
  chosen?: string;
  onPick: (c: PlaceChoice) => void;
  testId: string;
}) {
  return (
    <View className="locate-place__options">
      {options.map((o) => (
        <View
          key={o.choice.buildingId}
          className={`locate-option ${o.choice.buildingId === chosen ? 'locate-option--on' : ''}`}
          hoverClass="locate-option--pressed"
          onClick={() => onPick(o.choice)}
          data-testid={testId}
          data-building-id={o.choice.buildingId}
          {...asRadio(o.choice.buildingId === chosen, o.distance ? `${o.label}，${o.distance}` : o.label)}
        >
          <View className="locate-option__name">{o.label}</View>
          {o.distance ? <View className="locate-option__distance">{o.distance}</View> : null}
        </View>
      ))}
    </View>
  );
}
