import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import { H5ChunkManifestPlugin } from './h5-chunk-manifest';
import prodConfig from './prod';
import { DistProjectConfigPlugin, prepareWeappBuild } from './weapp-env';

/**
 * One config for both targets: `weapp` (the product, opened in WeChat DevTools from the repo root)
 * and `h5` (the same app in a browser, served by host/ at `/` and used by the end-to-end tests).
 *
 * Settings that differ per deployment come from environment variables read here, once:
 * - TARO_APP_ID    the mini-program appid, written into project.private.config.json at the root
 *                  (the folder DevTools opens; project.config.json keeps "touristappid").
 * - WX_CLOUD_ENV   the WeChat cloud environment id used by Taro.cloud.init; a production weapp
 *                  build without it is refused (config/weapp-env.ts).
 * - H5_API_BASE    where the H5 app sends /api and /auth requests (empty: same origin).
 * - H5_DEV_PROXY   the host the H5 dev server proxies /api and /auth to (default http://127.0.0.1:10086).
 *
 * Every constant the app reads is defined here for every target: a `process.env.X` that the weapp
 * build leaves undefined stays in the output and throws in WeChat.
 */
/** The pure domain core; only what the app imports from it ends up in a bundle. */
const CORE = path.resolve(__dirname, '..', 'core');

/**
 * Small images are inlined as data URIs (Taro's default, up to 2 KB), but never the icon set's
 * SVGs: WeChat's <image> is documented for local SVG files, and 110 icons inlined would sit in
 * the JavaScript of the main package. Each becomes a file (`assets/icons/…svg`).
 */
const inlineUnlessSvg = (source: Buffer, { filename }: { filename: string }): boolean =>
  !filename.endsWith('.svg') && source.length <= 2 * 1024;

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';
  const pkg = require('../package.json') as { version: string };
  if (platform === 'weapp')
    prepareWeappBuild(
      { nodeEnv: process.env.NODE_ENV, watch: process.argv.includes('--watch'), env: process.env },
      path.resolve(__dirname, '..'),
    );

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wuyuan-gongzhi',
    date: '2026-01-01',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Each target owns (and cleans) its own folder, so building one never wipes the other. The H5 dev
    // server (`--watch`) serves from memory; it gets a folder of its own so that it does not empty
    // the dist-h5 that host/ and the end-to-end tests serve.
    outputRoot: platform === 'weapp' ? 'dist-weapp' : process.env.NODE_ENV === 'development' ? 'dist-h5-dev' : 'dist-h5',
    // weapp: the app's aria-* props reach WeChat's screen reader (config/weapp-aria.ts).
    plugins: platform === 'weapp' ? [path.resolve(__dirname, 'weapp-aria.ts')] : [],
    defineConstants: {
      APP_VERSION: JSON.stringify(pkg.version),
      CLOUD_ENV_ID: JSON.stringify(process.env.WX_CLOUD_ENV ?? ''),
      API_BASE: JSON.stringify(process.env.H5_API_BASE ?? ''),
      // H5 map picking (Taro's chooseLocation opens Tencent's picker with this key); left out when unset.
      ...(process.env.TENCENT_MAP_KEY ? { LOCATION_APIKEY: JSON.stringify(process.env.TENCENT_MAP_KEY) } : {}),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // The app shares a few pure functions with the server (core/case-time.ts); compile them too.
      compile: { include: [CORE] },
      // Component styles are BEM-scoped; their order across chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        chain.module.rule('image').parser({ dataUrlCondition: inlineUnlessSvg });
        chain.plugin('dist-project-config').use(DistProjectConfigPlugin, [path.resolve(__dirname, '..', 'dist-weapp')]);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [CORE] },
      // Served statically at `/` by host/; the hash router needs no server-side fallback.
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      devServer: {
        host: '127.0.0.1',
        port: 10087,
        proxy: [
          {
            context: ['/api', '/auth', '/files'],
            target: process.env.H5_DEV_PROXY ?? 'http://127.0.0.1:10086',
            changeOrigin: true,
          },
        ],
      },
      webpackChain(chain) {
        chain.module.rule('image').parser({ dataUrlCondition: inlineUnlessSvg });
        // Taro splits only initial chunks; pages are loaded with import(), so without this each
        // page chunk carried its own copy of React components, zod and dayjs.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
        chain.plugin('h5-chunk-manifest').use(H5ChunkManifestPlugin);
        // React DOM and the Taro runtime make the entry ~320 KB raw (~105 KB gzip); warn only past that.
        // scripts/build-check.mjs prints what the first page really downloads.
        chain.performance.maxEntrypointSize(450 * 1024).maxAssetSize(300 * 1024);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
