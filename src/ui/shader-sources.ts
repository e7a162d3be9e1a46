/** The WGSL files of shaders/, bundled by Vite as text and keyed by file name. */
import type { ShaderSources } from '../gpu/shaders';

const files = import.meta.glob('../../shaders/*.wgsl', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const shaderSources: ShaderSources = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]),
);
