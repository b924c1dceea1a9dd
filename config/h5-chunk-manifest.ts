import type { Compiler } from 'webpack';

export const H5_MANIFEST = 'chunk-manifest.json';

/**
 * Writes dist-h5/chunk-manifest.json: for every chunk group (the `app` entry and each page
 * loaded with `import()`), the request that opened it and the files it needs. The build check
 * reads it to report what the first page downloads; nothing at run time reads it.
 */
export class H5ChunkManifestPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('H5ChunkManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'H5ChunkManifestPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const groups = compilation.chunkGroups.map((group) => ({
          name: group.name ?? null,
          isEntry: group.isInitial(),
          origins: group.origins.map((o) => o.request).filter((r): r is string => Boolean(r)),
          files: [...new Set(group.chunks.flatMap((chunk) => [...chunk.files]))],
        }));
        compilation.emitAsset(H5_MANIFEST, new sources.RawSource(JSON.stringify({ groups }, null, 1)));
      });
    });
  }
}
