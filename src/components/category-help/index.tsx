import { View } from '@tarojs/components';
import type { Category } from '../../services/api-types';
import { asButton } from '../../utils/a11y';
import './index.scss';

/** The three categories people mix up; each goes to a different member, so the page says which is which. */
const OVERLAPPING = ['设施维修', '公共设施', '物业服务'];

interface CategoryHelpProps {
  categories: Category[];
  chosen?: Category;
  onChoose: (c: Category) => void;
}

/**
 * Under the category tiles: what the chosen one covers, the line between 设施维修 / 公共设施 /
 * 物业服务, and 「不知道选哪个」, which files under the category the grid worker takes.
 */
export function CategoryHelp({ categories, chosen, onChoose }: CategoryHelpProps) {
  const unsure = categories.find((c) => c.unsure);
  const overlapping = categories.filter((c) => OVERLAPPING.includes(c.name) && c.examples);
  return (
    <View className="category-help" data-testid="category-help">
      {chosen?.examples ? (
        <View className="category-help__examples" data-testid="category-examples">
          {chosen.unsure ? chosen.examples : `「${chosen.name}」指${chosen.examples}`}
        </View>
      ) : null}
      {chosen && OVERLAPPING.includes(chosen.name) && overlapping.length > 1 ? (
        <View className="category-help__compare" data-testid="category-compare">
          <View className="category-help__compare-title">这几类容易混，怎么选：</View>
          {overlapping.map((c) => (
            <View key={c.id} className="category-help__compare-line">
              {c.name}：{c.examples}
            </View>
          ))}
        </View>
      ) : null}
      {unsure && chosen?.id !== unsure.id ? (
        <View
          className="category-help__unsure"
          hoverClass="category-help__unsure--pressed"
          onClick={() => onChoose(unsure)}
          data-testid="category-unsure"
          {...asButton()}
        >
          不知道选哪个？交给网格员帮您转
        </View>
      ) : null}
    </View>
  );
}
