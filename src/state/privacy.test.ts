/**
 * The privacy prompt must not cover the guide it links to: the link opens WeChat's own contract
 * page when it can, and on our privacy page the prompt steps aside. Its overlay spells out the
 * four sides (older WeChat web views ignore `inset`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import Taro from '@tarojs/taro';
import { openPrivacyGuide, privacyPromptShown, PRIVACY_GUIDE_PATH } from './privacy';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { navigateTo: jest.fn() } }));
const taro = Taro as unknown as Record<string, unknown>;
const navigateTo = taro.navigateTo as jest.Mock;

beforeEach(() => {
  navigateTo.mockReset();
  delete taro.openPrivacyContract;
});

test('隐私页上不再盖一层提示；其他页照常提示', () => {
  expect(privacyPromptShown(true, PRIVACY_GUIDE_PATH)).toBe(false);
  expect(privacyPromptShown(true, 'pages-resident/privacy/index')).toBe(false);
  expect(privacyPromptShown(true, `${PRIVACY_GUIDE_PATH}?from=prompt`)).toBe(false);
  expect(privacyPromptShown(true, '/pages-resident/report/index')).toBe(true);
  expect(privacyPromptShown(false, '/pages-resident/report/index')).toBe(false);
});

test('《隐私保护指引》优先用 openPrivacyContract 打开，不跳到被遮住的页面', () => {
  const openPrivacyContract = jest.fn();
  taro.openPrivacyContract = openPrivacyContract;
  openPrivacyGuide();
  expect(openPrivacyContract).toHaveBeenCalledTimes(1);
  expect(navigateTo).not.toHaveBeenCalled();
  // When WeChat cannot open its page, ours opens (where the prompt steps aside).
  (openPrivacyContract.mock.calls[0]![0] as { fail: () => void }).fail();
  expect(navigateTo).toHaveBeenCalledWith({ url: PRIVACY_GUIDE_PATH });
});

test('基础库没有 openPrivacyContract 时打开本地隐私页', () => {
  openPrivacyGuide();
  expect(navigateTo).toHaveBeenCalledWith({ url: PRIVACY_GUIDE_PATH });
});

test('样式不用 inset：老版本微信不认，遮罩要写明四边', () => {
  const src = path.resolve(__dirname, '..');
  const scss = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? scss(p) : p.endsWith('.scss') ? [p] : [];
    });
  const offenders = scss(src).filter((f) => /^\s*inset\s*:/m.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
  const overlay = readFileSync(path.join(src, 'components/privacy-prompt/index.scss'), 'utf8');
  for (const side of ['top', 'right', 'bottom', 'left']) expect(overlay).toMatch(new RegExp(`^\\s*${side}: 0;`, 'm'));
});
