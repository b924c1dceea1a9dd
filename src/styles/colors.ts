/**
 * The token colours that WeChat's APIs and app.json take as strings (navigation bar, modal
 * buttons). The same values as src/styles/tokens.scss; tests/unit/design-tokens.test.ts holds
 * them equal. Nowhere else in the app is a colour written as a literal (eslint refuses it).
 */
export const COLORS = {
  primary: '#c62828',
  bg: '#f5f5f2',
  muted: '#5f5f5f',
  surface: '#ffffff',
} as const;
