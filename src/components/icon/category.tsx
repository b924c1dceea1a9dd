import { Text, View } from '@tarojs/components';
import { Icon, isIconWith, type IconWith } from '.';
import { categoryIcon } from './maps';

/**
 * A category's icon: an image when the category has one (a URL), the icon of the set that stands
 * for it (maps.ts), or else (unless `initial` is false) the first character of its name.
 */
export function CategoryIcon({
  icon,
  name,
  className,
  initial = true,
}: {
  icon?: string;
  name: string;
  className: string;
  initial?: boolean;
}) {
  if (icon && /^(https?:)?\//.test(icon)) {
    // An image icon: shown as a background so no <Image> sizing quirks differ by platform.
    return <View className={`${className} ${className}--image`} style={{ backgroundImage: `url(${icon})` }} />;
  }
  const known = categoryIcon(icon, (s): s is IconWith<'primary'> => isIconWith(s, 'primary'));
  if (known) {
    return (
      <View className={className}>
        <Icon name={known} tone="primary" className="icon--block" />
      </View>
    );
  }
  return initial ? <Text className={className}>{Array.from(name)[0]}</Text> : null;
}
