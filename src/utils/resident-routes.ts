import Taro from '@tarojs/taro';
import { PRIVACY_GUIDE_PATH } from '../state/privacy';

/** Pages the resident pages open beyond src/routes.ts (paths as in app.config.ts). */
export const RESIDENT_ROUTES = {
  privacy: PRIVACY_GUIDE_PATH,
  /** The public progress board (公示栏), a subpackage of its own. */
  board: '/pages-board/index/index',
} as const;

/** Opens the public board; says so plainly when it cannot be opened. */
export function openBoard(): void {
  void Promise.resolve(Taro.navigateTo({ url: RESIDENT_ROUTES.board })).catch(() =>
    Taro.showToast({ title: '公示栏暂时打不开，请稍后再试', icon: 'none' }),
  );
}
