/**
 * WGSL composition: a shader file may pull in another with a line `//!include name.wgsl`; each
 * file is included once. The sources themselves are loaded by the host (Vite in the page, the
 * file system in Node) and handed in as a name -> text map.
 */
export type ShaderSources = Readonly<Record<string, string>>;

export function composeShader(entry: string, sources: ShaderSources, prelude = ''): string {
  const seen = new Set<string>();
  const expand = (name: string): string => {
    if (seen.has(name)) return '';
    seen.add(name);
    const text = sources[name];
    if (text === undefined) throw new Error(`shader ${name} not found (have: ${Object.keys(sources).join(', ')})`);
    return text.replace(/^\/\/!include\s+(\S+)\s*$/gm, (_, inc: string) => expand(inc));
  };
  return prelude + expand(entry);
}
